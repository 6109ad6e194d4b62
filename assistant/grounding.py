"""Grounding check used by the evals: the same check the LLM answers pass (assistant.verify)."""

from assistant.verify import stated_text, ungrounded_figures

__all__ = ["stated_text", "ungrounded_figures"]
