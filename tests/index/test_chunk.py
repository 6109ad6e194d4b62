"""Chunks: one per clause and per notice item, each carrying where it comes from."""

from __future__ import annotations

import re

import pytest

from index.chunk import MAX_CHARS, chunk_guide
from index.parse import KNOWN_CLAUSES, build_guide

CLAUSE_HEADER = re.compile(rf"(?:^|\n)(?:\d{{1,2}}[.．、]\s*)?({'|'.join(sorted(KNOWN_CLAUSES))})[:：]")


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_one_chunk_per_clause_and_never_two_clauses_in_one(parsed, number):
    guide = parsed(number)
    chunks = chunk_guide(guide)
    clause_chunks = [c for c in chunks if c.project]
    assert len(clause_chunks) == guide.clause_count  # no seed clause is long enough to be split
    expected = [(p.label, c.name, c.lines) for p in guide.projects for c in p.clauses]
    assert [(c.project, c.clause, c.lines) for c in clause_chunks] == expected
    for chunk in chunks:
        assert not CLAUSE_HEADER.search(chunk.quote), (chunk.id, chunk.quote[:80])
    assert len({c.id for c in chunks}) == len(chunks)


def test_notice_items_are_chunks_of_their_own_and_letterhead_is_left_out(parsed):
    chunks = [c for c in chunk_guide(parsed("002")) if not c.project]
    by_section: dict[str, list[str]] = {}
    for chunk in chunks:
        by_section.setdefault(chunk.clause, []).append(chunk.quote)
    assert list(by_section) == ["支持重点", "支持方式", "申报限额", "申报要求", "联系方式"]
    assert [q[:3] for q in by_section["申报要求"]] == [f"({c})" for c in "一二三四五六七八九"]
    assert by_section["申报限额"] == [
        "本计划实行限额推荐方式组织申报。",
        "(一)每家三级甲等医院推荐申报10项,三级乙等医院3项,其他市级公共卫生单位及企业2项。",
        "(二)以上均包含联合申报形式。",
        "(三)高层次人才项目不包含在以上限额范围内。",
    ]
    assert any("0772-2610311" in q for q in by_section["联系方式"])
    assert not any(c.clause in ("正文", "附件与落款") for c in chunk_guide(parsed("002")))


def test_notice_section_without_items_is_one_chunk(parsed):
    notice = [c for c in chunk_guide(parsed("000")) if not c.project]
    assert [c.clause for c in notice] == [
        "征求意见专项",
        "征求意见要点",
        "征求意见反馈方式",
        "征求意见截止时间",
        "征求意见结果运用",
    ]
    deadline = notice[3]
    assert deadline.quote == "本次公开征求意见截止时间为7月3日18:00。"
    assert deadline.lines == (23, 23)


def test_chunk_metadata_names_guide_project_clause_and_lines(parsed):
    chunk = next(c for c in chunk_guide(parsed("001")) if c.project == "项目十八" and c.clause == "资助强度及方式")
    title = "三峡库区特色药材品种选育与高产优质绿色生态种植技术研究与应用"
    assert chunk.metadata() == {
        "guide_id": "cq-2024-population-health",
        "guide_title": "重庆市2024年度人口健康专项申报指南（征求意见稿）",
        "year": 2024,
        "status": "draft",
        "source": "001_9e157767554fb065.txt",
        "project": "项目十八",
        "project_title": title,
        "group": "",
        "clause": "资助强度及方式",
        "kind": "funding",
        "quote": "拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。",
        "first_line": 874,
        "last_line": 876,
        "part": 0,
    }
    assert chunk.text == f"项目十八 {title} | 资助强度及方式\n{chunk.quote}"


def test_chunk_carries_the_group_of_its_project(parsed):
    chunk = next(c for c in chunk_guide(parsed("004")) if c.project == "2003" and c.clause == "考核指标")
    assert chunk.group == "2.慢病临床诊疗"
    assert (chunk.guide_id, chunk.year, chunk.status) == ("js-2025-frontier-health", 2025, "final")
    assert chunk.text.startswith("2003 早期肺癌患者外科治疗关键技术研发 | 考核指标\n")


def test_long_clause_is_split_at_sentence_ends_under_the_same_header():
    sentences = [
        f"第{n}阶段完成多中心临床队列建设与数据采集，纳入不少于{n}00例患者并开展随访评估。" for n in range(1, 31)
    ]
    body = "".join(sentences)
    assert len(body) > 2 * MAX_CHARS
    text = f"项目一：长期随访队列建设\n\n1.拟解决问题：{body}\n\n2.实施周期：不超过3年。\n"
    guide = build_guide(text, guide_id="long", source="long.txt")
    clause = guide.project("项目一").clause("拟解决问题")
    parts = [c for c in chunk_guide(guide) if c.clause == "拟解决问题"]

    assert len(parts) >= 3
    assert [c.part for c in parts] == list(range(len(parts)))
    assert "".join(c.quote for c in parts) == clause.text  # nothing lost, nothing repeated
    for chunk in parts:
        assert len(chunk.quote) <= MAX_CHARS
        assert chunk.quote.endswith("。")
        assert re.match(r"第\d+阶段", chunk.quote)
        assert chunk.text == f"项目一 长期随访队列建设 | 拟解决问题\n{chunk.quote}"
        assert chunk.lines == clause.lines
    assert len({c.id for c in parts}) == len(parts)
    period = [c for c in chunk_guide(guide) if c.clause == "实施周期"]
    assert [c.quote for c in period] == ["不超过3年。"]
