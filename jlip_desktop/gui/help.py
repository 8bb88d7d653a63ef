"""帮助 › 使用说明 (F1): a short manual inside the application, in the UI language.

The manual is a document, not a set of UI strings, so it is kept here as one
HTML text per language rather than as Qt Linguist entries; the places it
names (the database, its backups folder, the log) are filled in from the
running application.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .screen import fit_to_screen

MANUAL_ZH = """
<h2>使用说明</h2>
<p>本软件用于按吉林省知识产权保护水平指标体系（4 个一级指标、44 个评分点，满分 100 分）进行年度自评估，
并把结果报送省里汇总。全部工作在本机完成，不需要联网。</p>

<h3>1. 填写评估</h3>
<ul>
<li><b>新建</b>：评估 › 新建评估（Ctrl+N），选择地区和年度（默认上一年度）。也可用“沿用上年新建”复制上一年的答案再修改。</li>
<li><b>作答</b>：在中间的指标树中选择评分点，在右侧填写：是/否、次数、分值或勾选领域（Alt+1…8）。每次修改立即保存，
  不需要“保存”按钮；总分、等级随时更新。</li>
<li><b>键盘</b>：Alt+↓ / Alt+↑ 下一个 / 上一个评分点，F8 / Shift+F8 下一个 / 上一个未答评分点，Ctrl+2 到答案，
  Ctrl+1 到指标树，Ctrl+0 到左侧导航；Ctrl+Z 撤销，Ctrl+Y 重做。</li>
<li><b>备注和佐证材料</b>：可为每个评分点填写备注，添加佐证文件（也可把文件拖到表单上）。文件保存在数据库中。</li>
</ul>

<h3>2. 提交</h3>
<p>44 个评分点全部作答后，评估 › 提交。提交前会请您确认；提交后评估锁定，不能再修改。如需修改，用“重新打开”并说明原因，
原因记入修改记录。</p>

<h3>3. 导出报送省里</h3>
<p>提交后，文件 › 导出工作簿（Ctrl+S）生成 Excel 工作簿，按要求报送省里。工作簿带有校验值，导出后被手工修改的工作簿
省里无法导入，请不要在 Excel 中改动。每次导出版本号加 1；更正后再次导出，省里导入时会替换旧版本。
草稿也可以导出，但会标明为草稿，省里视为未完成的报送。评估报告 PDF 和打印（Ctrl+P）用于存档和盖章。</p>

<h3>4. 省里怎样使用</h3>
<p>省里用“导入工作簿”汇总各地的工作簿（可一次选择多个，也可导入 .zip 数据包），在“省级汇总”（Ctrl+D）中比较各地得分和排名，
生成省级汇总工作簿和省级报告。导入的评估在省里只读；有疑问时省里会退回，由您更正后重新导出。</p>

<h3>5. 数据和备份在哪里</h3>
<ul>
<li>数据库：{db}</li>
<li>备份：数据库旁边的 backups 文件夹，每次打开时自动备份，保留最近 5 份。数据库损坏时，软件会提示用最新的完好备份恢复。</li>
<li>日志：{log}（出错时请把它发给技术支持）。</li>
</ul>

<h3>6. 换一台电脑</h3>
<p>先关闭本软件，把数据库文件（以及 backups 文件夹）复制到新电脑，在新电脑上用 文件 › 打开数据库 选择它。
也可以使用便携模式：程序文件夹中放一个名为 portable 的文件，数据和设置就保存在程序旁边的 data 文件夹中，可整体复制到 U 盘。
同一个数据库同一时间只能在一个窗口中打开；如果另一台电脑上的程序意外退出，打开时可选择“接管”。</p>
"""

MANUAL_EN = """
<h2>User manual</h2>
<p>This program assesses a region's level of IP protection each year against the Jilin Province indicator system
(4 primary indicators, 44 scoring points, 100 points) and sends the result to the province. Everything happens on
this computer; no network is needed.</p>

<h3>1. Filling in an assessment</h3>
<ul>
<li><b>New</b>: Assessment › New assessment (Ctrl+N), choose the region and the year (the previous year by default).
  New from last year copies last year's answers for you to change.</li>
<li><b>Answering</b>: choose a point in the indicator tree and answer it on the right: yes/no, a count, a grade or the
  domains (Alt+1…8). Every change is saved at once (there is no Save button); the total and grade follow.</li>
<li><b>Keyboard</b>: Alt+↓ / Alt+↑ next / previous point, F8 / Shift+F8 next / previous unanswered point, Ctrl+2 to the
  answer, Ctrl+1 to the tree, Ctrl+0 to the navigator; Ctrl+Z undo, Ctrl+Y redo.</li>
<li><b>Notes and evidence</b>: each point takes a note and evidence files (or drop files on the form); the files are
  kept inside the database.</li>
</ul>

<h3>2. Submitting</h3>
<p>When all 44 points are answered: Assessment › Submit. You are asked to confirm; the assessment is then locked.
To change it, Reopen it and give a reason, which the history keeps.</p>

<h3>3. Exporting for the province</h3>
<p>After submitting, File › Export workbook (Ctrl+S) writes the Excel workbook to send to the province. It carries a
checksum: a workbook edited by hand can't be imported, so don't change it in Excel. Each export has the next revision;
export again after a correction and the province's import replaces the old revision. A draft can be exported too, but
it says so and the province treats it as unfinished. The assessment PDF and Print (Ctrl+P) are for filing and
stamping.</p>

<h3>4. What the province does with it</h3>
<p>The province imports the counties' workbooks (several at once, or .zip packages), compares totals and ranks in the
Province dashboard (Ctrl+D) and writes the province workbook and report. Imported assessments are read-only there;
when something is unclear the province returns it and you correct and export again.</p>

<h3>5. Where the data and backups are</h3>
<ul>
<li>Database: {db}</li>
<li>Backups: the backups folder beside the database, made each time it opens, the newest 5 kept. If the database
  is damaged, the program offers to restore the newest good backup.</li>
<li>Log: {log} (send it to support when something goes wrong).</li>
</ul>

<h3>6. Moving to another computer</h3>
<p>Close the program, copy the database file (and its backups folder) to the other computer and open it there with
File › Open database. Or use portable mode: a file named portable in the program's folder keeps the data and settings
in a data folder beside the program, which can be copied to a USB stick as a whole. One database is open in one
window at a time; if the program on another computer crashed, you can take the database over when you open it.</p>
"""


def manual_html(lang: str, db: Path | None, log: Path | None) -> str:
    text = MANUAL_EN if lang == "en" else MANUAL_ZH
    none = "—"
    return text.format(db=html.escape(str(db)) if db else none, log=html.escape(str(log)) if log else none)


class HelpDialog(QDialog):
    """The manual in a scrollable, non-modal window (it can stay open beside the main window)."""

    def __init__(self, lang: str, db: Path | None, log: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("User manual"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(manual_html(lang, db, log))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
        fit_to_screen(self, 760, 640, fraction=0.9)

    def set_manual(self, lang: str, db: Path | None, log: Path | None) -> None:
        self.setWindowTitle(self.tr("User manual"))
        self.browser.setHtml(manual_html(lang, db, log))
