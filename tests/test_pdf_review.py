"""The province's review in the assessment PDF: at the province under review, and at the county after import-review."""

import json
import re
import shutil
import subprocess

from jlip_desktop.cli import main
from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.scoring import answers_to_json, best_value, fmt
from jlip_desktop.reports.pdf import _answer_text

REGION, YEAR = "220102", 2022  # 南关区
LONG_COMMENT = "案件数核减：按省级统计口径只认可其中一部分案件，其余案件缺少立案文书和结案材料，请核对后补充"


def text_of(path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed; scripts/setup.sh installs it"
    return subprocess.run([exe, "-raw", str(path), "-"], capture_output=True, check=True, text=True,
                          encoding="utf-8").stdout


def flat(text: str) -> str:
    """Without whitespace: lines wrap anywhere in CJK text."""
    return re.sub(r"\s+", "", text)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert code == 0, (argv, out, err)
    return out


def report(capsys, db, aid, path):
    run(capsys, "report-pdf", "--db", db, "--id", aid, "-o", path)
    return text_of(path)


def headings(text: str) -> list[str]:
    return re.findall(r"^\f?([一二三四五六七八九十]、\S+)", text, re.M)


def test_the_review_shows_in_the_assessment_pdf_at_the_province_and_back_at_the_county(tmp_path, capsys):
    county, province = tmp_path / "南关区 县库.db", tmp_path / "吉林省 省库.db"
    run(capsys, "init", "--db", county)
    run(capsys, "init", "--db", province)
    aid = run(capsys, "new", "--db", county, "--region", REGION, "--year", YEAR, "--assessor", "张三").strip()
    cat = get_catalog()
    for n, v in answers_to_json({n: best_value(p) for n, p in cat.points.items()}).items():
        run(capsys, "set", "--db", county, "--id", aid, n, json.dumps(v, ensure_ascii=False))
    run(capsys, "submit", "--db", county, "--id", aid)

    # no review yet: the summary as it always was
    plain = report(capsys, county, aid, tmp_path / "评估 无审核.pdf")
    assert headings(plain)[:3] == ["一、各级指标得分", "二、失分得分点", "三、备注"]
    for word in ("省级审核意见", "核定", "自评总分", "审核状态", "省级意见", "认可", "调整"):
        assert word not in plain, word
    assert plain.count("审核") == plain.count("审核人（签字）") == 1
    assert "总分 100.0 分（满分 100 分）" in plain

    package = tmp_path / "南关区 2022 第1版.zip"
    run(capsys, "export-package", "--db", county, "--id", aid, "-o", package)
    run(capsys, "import-package", "--db", province, package)
    pid = json.loads(run(capsys, "list", "--db", province, "--json"))[0]["id"]

    # at the province, an imported assessment before any verdict: pending, no verified total yet
    text = report(capsys, province, pid, tmp_path / "省 待审.pdf")
    assert "审核状态 待审核" in text and "省级审核意见" in text and "尚未对各得分点给出审核意见" in text
    assert "核定总分 尚无" in text

    max19 = cat.points[19].max
    run(capsys, "review", "--db", province, "--id", pid, "19", "--value", "3.5", "--comment", LONG_COMMENT)
    run(capsys, "review", "--db", province, "--id", pid, "5", "--issue", "--comment", "缺少报送记录")
    run(capsys, "review", "--db", province, "--id", pid, "1", "--accept", "--comment", "材料齐全")
    verified = f"{100 - (float(max19) - 3.5):.1f}"
    text = report(capsys, province, pid, tmp_path / "省 审核中.pdf")
    assert "审核状态 待审核" in text and f"核定总分 {verified} 分" in text
    assert "缺少报送记录" in text and "材料齐全" in text and LONG_COMMENT in flat(text)

    run(capsys, "review-decide", "--db", province, "--id", pid, "--return", "--comment", "请补充第5项的报送记录")
    back = tmp_path / "审核 结果 第1版.xlsx"
    run(capsys, "export-review", "--db", province, "--id", pid, "-o", back)
    run(capsys, "import-review", "--db", county, back)

    # at the county: status, overall comment and both totals near the total; every verdict in its section
    text = report(capsys, county, aid, tmp_path / "评估 已退回.pdf")
    head = text.split("一、")[0]
    assert "审核状态 已退回" in head and "审核的版本：第 1 版" in head
    assert "省级意见 请补充第5项的报送记录" in head
    assert "自评总分 100.0 分（满分 100 分）" in head
    assert f"核定总分 {verified} 分（较自评减少 {float(max19) - 3.5:.1f} 分）" in head
    assert headings(text)[:4] == ["一、省级审核意见", "二、各级指标得分", "三、失分得分点", "四、备注"]
    section = flat(text.split("一、省级审核意见")[1].split("二、各级指标得分")[0])
    assert "认可1个、调整1个、问题1个" in section and "须修改后重新上报：（5）" in section
    rows = {n: section.index(f"({n})") for n in (1, 5, 19)}
    assert rows[1] < rows[5] < rows[19]  # in point order
    assert section[rows[1]:rows[5]].count("认可") == 1 and "材料齐全" in section[rows[1]:rows[5]]
    assert "问题" in section[rows[5]:rows[19]] and "缺少报送记录" in section[rows[5]:rows[19]]
    adjusted = section[rows[19]:]
    answer19 = _answer_text(cat.points[19], best_value(cat.points[19]))
    assert f"县级作答：{answer19}；自评得分{fmt(max19)}/{fmt(max19)}" in adjusted
    assert "调整" in adjusted and "核定答案：3.5" in adjusted
    assert f"核定得分3.5/{fmt(max19)}" in adjusted and LONG_COMMENT in adjusted
    assert f"自评总分100.0分，核定总分{verified}分" in section

    # the county's other assessments without a review stay as they were
    other = run(capsys, "new", "--db", county, "--region", REGION, "--year", YEAR + 1).strip()
    text = report(capsys, county, other, tmp_path / "下一年.pdf")
    assert "省级审核意见" not in text and "核定" not in text and headings(text)[0] == "一、各级指标得分"
