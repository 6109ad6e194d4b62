"""The page around the web app: theme (AA contrast), CSS (mobile layout), the small script, Chinese UI strings."""

from __future__ import annotations

from typing import Any

import gradio as gr

# System fonts only: no web font is requested (Gradio's default theme serves its own font files).
# Text colours meet WCAG AA (4.5:1) on the backgrounds they stand on: gray-600/700 and blue-700 on white.
THEME = gr.themes.Default(
    font=[
        "PingFang SC",
        "Hiragino Sans GB",
        "Microsoft YaHei",
        "Noto Sans CJK SC",
        "WenQuanYi Micro Hei",
        "sans-serif",
    ],
    font_mono=["Menlo", "Consolas", "DejaVu Sans Mono", "monospace"],
).set(
    body_text_color_subdued="#4b5563",
    block_label_text_color="#374151",
    block_title_text_color="#374151",
    block_info_text_color="#4b5563",
    input_placeholder_color="#6b7280",
    button_primary_background_fill="#c2410c",
    button_primary_background_fill_hover="#9a3412",
    button_primary_text_color="#ffffff",
    link_text_color="#1d4ed8",
    link_text_color_visited="#6d28d9",
    link_text_color_hover="#1e40af",
    link_text_color_active="#1e40af",
)

CSS = """
footer { display: none !important; }
.tab-wrapper button[role="tab"][aria-selected="true"], button[role="tab"].selected { color: #9a3412 !important; }
.ui-hidden { display: none !important; }
#chat .message-content p { margin: 0 0 0.5em; }
#chat blockquote { margin: 6px 0; padding-left: 10px; border-left: 3px solid #9ca3af; color: #1f2937; }
.cite-chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-start; margin-top: 4px; }
.cite-head { font-size: 0.85em; color: #4b5563; width: 100%; }
details.cite-chip { border: 1px solid #93c5fd; border-radius: 14px; padding: 2px 10px; background: #f8fafc;
  font-size: 0.88em; max-width: 100%; }
details.cite-chip[open] { flex-basis: 100%; border-radius: 8px; padding: 6px 10px; }
details.cite-chip summary { cursor: pointer; color: #1d4ed8; }
.cite-meta { font-size: 0.85em; color: #374151; margin: 6px 0 4px; }
.cite-quote { margin: 6px 0 4px; padding-left: 8px; border-left: 3px solid #93c5fd; }
.src-lines { margin: 4px 0; font-size: 0.92em; line-height: 1.55; }
.src-line { display: flex; gap: 8px; color: #374151; }
.src-line .ln { flex: 0 0 3.2em; text-align: right; color: #4b5563; font-variant-numeric: tabular-nums; }
.src-line.hit { background: #fef3c7; color: #111827; }
.src-line.hit .ln { color: #374151; font-weight: 600; }
#chat button.open-project, #chat button.copy-plain, #chat button.choose-guide {
  border: 1px solid #6b7280; border-radius: 6px; background: #ffffff; color: #1f2937; padding: 2px 10px;
  margin: 6px 6px 0 0; font-size: 0.88em; cursor: pointer; }
#chat button.choose-guide { border-color: #1d4ed8; color: #1d4ed8; padding: 6px 12px; font-size: 0.95em; }
.answer-notice { color: #374151; }
mark { background: #fde68a; color: #111827; padding: 0 1px; }
#clauses td:last-child, #clauses th:last-child, #compare td, #compare th { white-space: nowrap; }
#compare td:nth-child(2) { white-space: normal; min-width: 12em; }
.detail .detail-where, .detail .detail-lines { color: #4b5563; font-size: 0.9em; }
#lookup-status { color: #1f2937; }
/* overflow:hidden would make the container the scroll box of the sticky input; clip cuts without scrolling */
.gradio-container { overflow: visible !important; overflow-x: clip !important; }
@media (max-width: 640px) {
  #chat, #chat > div, #chat .bubble-wrap, #chat [role="log"] {
    height: auto !important; max-height: none !important; overflow: visible !important; }
  #ask-row { position: sticky; bottom: 0; z-index: 50; background: var(--background-fill-primary);
    padding: 6px 0; box-shadow: 0 -2px 6px rgba(0, 0, 0, 0.08); flex-wrap: nowrap !important; }
  #ask-row > .form { flex: 1 1 auto !important; min-width: 0 !important; }
  #ask-row #send, #ask-row #clear-chat { flex: 0 0 auto !important; min-width: 0 !important; white-space: nowrap;
    padding: 0 10px; }
  #clauses table { min-width: 620px; }
}
"""

# Delegated clicks on the buttons inside chat messages (their HTML is rendered, but scripts in it are not):
# 复制回答 copies the plain text, a guide choice and 查看整个项目 go through hidden fields to the server.
# Gradio labels each message "bot's message: <raw content>" for screen readers; give them the text instead.
HEAD = r"""
<script>
(() => {
  const send = (box, go, value) => {
    const field = document.querySelector(`#${box} textarea, #${box} input`);
    const button = document.querySelector(`#${go}`);
    if (!field || !button) return;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => button.click(), 300);  // let Gradio take the new value first
  };
  const copy = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) {
      const area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      const ok = document.execCommand("copy"); area.remove(); return ok;
    }
  };
  document.addEventListener("click", async (event) => {
    const target = event.target.closest("button.copy-plain, button.choose-guide, button.open-project");
    if (!target) return;
    event.preventDefault(); event.stopPropagation();
    if (target.classList.contains("copy-plain")) {
      const ok = await copy(target.dataset.copy || "");
      const label = target.textContent;
      target.textContent = ok ? "已复制" : "复制失败";
      setTimeout(() => { target.textContent = label; }, 1500);
    } else if (target.classList.contains("choose-guide")) {
      send("choose-key", "choose-go", target.dataset.guide || "");
    } else {
      send("open-key", "open-go", target.dataset.key || "");
    }
  }, true);
  const names = { "bot's message: ": "助手的回答：", "user's message: ": "您的问题：",
                  "assistant's message: ": "助手的回答：" };
  const fixed = { "chatbot conversation": "对话记录", "Close": "关闭", "Clear": "清除", "Table actions": "表格操作",
                  "Dataframe": "表格", "Copy table data": "复制表格", "Fullscreen": "全屏" };
  const asText = (raw) => {
    // The label holds the message's raw HTML: read it as text (DOMParser runs no script, loads no image).
    const doc = new DOMParser().parseFromString(raw, "text/html");
    doc.querySelectorAll("button, .src-lines, .cite-meta").forEach((el) => el.remove());
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim().slice(0, 800);
  };
  const relabel = (el) => {
    const label = el.getAttribute("aria-label") || "";
    if (fixed[label]) { el.setAttribute("aria-label", fixed[label]); return; }
    for (const [english, chinese] of Object.entries(names)) {
      if (label.startsWith(english)) el.setAttribute("aria-label", chinese + asText(label.slice(english.length)));
    }
  };
  // Gradio 6 titles a toast with its type in English whatever title it was given.
  const titles = { Info: "提示", Warning: "注意", Error: "错误", Success: "成功" };
  const retitle = (root) => {
    root.querySelectorAll(".toast-title").forEach((el) => {
      const text = el.firstChild;
      if (text && text.nodeType === 3 && titles[text.data.trim()]) text.data = titles[text.data.trim()] + " ";
    });
  };
  const watch = () => {
    document.querySelectorAll("[aria-label]").forEach(relabel);
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") relabel(change.target);
        change.addedNodes && change.addedNodes.forEach((node) => {
          if (node.nodeType !== 1) return;
          if (node.hasAttribute("aria-label")) relabel(node);
          node.querySelectorAll("[aria-label]").forEach(relabel);
          retitle(node.parentElement || node);
        });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"] });
  };
  if (document.body) watch(); else document.addEventListener("DOMContentLoaded", watch);
})();
</script>
"""

# Gradio's own strings (buttons, toasts, table menus) in Chinese whatever the browser's language: flat
# "section.key" entries win over Gradio's nested built-in ones in every locale.
_STRINGS = {
    "chatbot.like": "赞",
    "chatbot.dislike": "踩",
    "chatbot.copy_message": "复制消息",
    "chatbot.copied_message": "已复制",
    "chatbot.clear": "清空对话",
    "chatbot.retry": "重试",
    "chatbot.undo": "撤销",
    "chatbot.edit": "编辑",
    "chatbot.submit": "发送",
    "chatbot.cancel": "取消",
    "chat_interface.chatbot": "对话",
    "chat_interface.conversation": "对话",
    "common.clear": "清除",
    "common.complete": "完成",
    "chatbot.complete": "完成",
    "common.download": "下载",
    "common.empty": "空",
    "common.error": "错误",
    "common.loading": "加载中",
    "common.share": "分享",
    "common.edit": "编辑",
    "common.remove": "移除",
    "common.submit": "提交",
    "common.undo": "撤销",
    "common.settings": "设置",
    "common.built_with_gradio": "使用 Gradio 构建",
    "dataframe.sort_column": "排序",
    "dataframe.sort_ascending": "升序",
    "dataframe.sort_descending": "降序",
    "dataframe.clear_sort": "取消排序",
    "dropdown.dropdown": "下拉菜单",
    "blocks.lost_connection": "连接已断开，正在重新连接……",
    "status.queue_position": "排队中：第 {position} 位，共 {size} 位",
    "errors.runtime_error": "运行出错",
}
_LOCALES = ["en", "zh-CN", "zh-TW", "ja", "ko", "de", "fr", "es", "ru", "pt", "pt-BR", "it", "ar"]
I18N = gr.I18n(**{locale: dict(_STRINGS) for locale in _LOCALES})


def launch_options() -> dict[str, Any]:
    """What Blocks.launch needs for this page (theme, CSS, script, Chinese strings)."""
    from assistant.web_tabs import TABS_CSS  # the 自查 and 日程 tabs

    return {"theme": THEME, "css": CSS + TABS_CSS, "head": HEAD, "i18n": I18N}
