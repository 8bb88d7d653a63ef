<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentView</name>
    <message>
        <source>Scoring point</source>
        <translation>评分点</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>评分点</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>原值 → 新值</translation>
    </message>
    <message>
        <source>Choose an assessment in the navigator on the left, or create one with Assessment › New assessment.</source>
        <translation>请在左侧导航中选择一项评估，或通过“评估 › 新建评估”创建。</translation>
    </message>
    <message>
        <source>Approve (&amp;B)</source>
        <translation>通过(&amp;B)</translation>
    </message>
    <message>
        <source>Edit ({0}) {1}</source>
        <translation>修改（{0}）{1}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>another program is writing to the database; try again in a moment.</source>
        <translation>另一个程序正在写入数据库，请稍后再试。</translation>
    </message>
    <message>
        <source>the database file is read-only.</source>
        <translation>数据库文件是只读的。</translation>
    </message>
    <message>
        <source>the disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>the database file could not be written (disk error).</source>
        <translation>数据库文件无法写入（磁盘错误）。</translation>
    </message>
    <message>
        <source>the database refused the change.</source>
        <translation>数据库拒绝了此修改。</translation>
    </message>
    <message>
        <source>the folder or file is read-only or in use.</source>
        <translation>文件夹或文件是只读的，或正被其他程序占用。</translation>
    </message>
    <message>
        <source>the file could not be written.</source>
        <translation>文件无法写入。</translation>
    </message>
    <message>
        <source>Only unans&amp;wered points</source>
        <translation>只看未答(&amp;W)</translation>
    </message>
    <message>
        <source>Hide the points already answered (the one shown stays until you move on)</source>
        <translation>隐藏已答的评分点（正在填写的评分点在您离开前仍显示）</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>审核：</translation>
    </message>
    <message>
        <source>Approve the assessment with the verified scores (no open issue may remain)</source>
        <translation>按核定分通过本评估（不能有未解决的问题）</translation>
    </message>
    <message>
        <source>Re&amp;turn…</source>
        <translation>退回(&amp;T)…</translation>
    </message>
    <message>
        <source>Return the assessment to the region with a comment</source>
        <translation>连同意见退回给地区</translation>
    </message>
    <message>
        <source>Imported from {0} (revision {1}): the region&apos;s own answers, notes and evidence are shown read-only here; the province&apos;s findings go into the review.</source>
        <translation>本评估由 {0}（第 {1} 版）导入：地区上报的答案、备注和佐证材料在此只读；省级意见请填入审核。</translation>
    </message>
    <message>
        <source>The database is open read-only: nothing can be changed.</source>
        <translation>数据库以只读方式打开：不能修改。</translation>
    </message>
    <message>
        <source>Submitted: locked. To change it, reopen it (Assessment › Reopen) and give a reason.</source>
        <translation>已提交，已锁定。如需修改，请通过“评估 › 重新打开”并填写原因。</translation>
    </message>
    <message>
        <source>Last year ({0}): {1}</source>
        <translation>上年（{0}）：{1}</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <source>Point ({0}) not saved: {1}</source>
        <translation>评分点（{0}）未保存：{1}</translation>
    </message>
    <message>
        <source>The note you typed:
{0}</source>
        <translation>您输入的备注：
{0}</translation>
    </message>
    <message>
        <source>Add evidence files</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Evidence not added</source>
        <translation>未添加佐证材料</translation>
    </message>
    <message>
        <source>“{0}” was not added: {1}</source>
        <translation>“{0}”未添加：{1}</translation>
    </message>
    <message>
        <source>Can&apos;t open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>“{0}” can&apos;t be opened: {1}</source>
        <translation>“{0}”无法打开：{1}</translation>
    </message>
    <message>
        <source>Remove evidence</source>
        <translation>移除佐证材料</translation>
    </message>
    <message>
        <source>Remove the file “{0}” from this assessment?</source>
        <translation>从本评估中移除文件“{0}”？</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>未移除</translation>
    </message>
    <message>
        <source>“{0}” was not removed: {1}</source>
        <translation>“{0}”未移除：{1}</translation>
    </message>
    <message>
        <source>Indicator system: {0} ({1})</source>
        <translation>指标体系（方案）：{0}（{1}）</translation>
    </message>
    <message>
        <source>Imported (read-only)</source>
        <translation>导入（只读）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted (locked)</source>
        <translation>已提交（锁定）</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>answer set</source>
        <translation>填写答案</translation>
    </message>
    <message>
        <source>answer cleared</source>
        <translation>清除答案</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>evidence added</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>evidence removed</source>
        <translation>移除佐证材料</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>replaced by an import</source>
        <translation>被导入替换</translation>
    </message>
    <message>
        <source>review verdict</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>review verdict withdrawn</source>
        <translation>撤销审核意见</translation>
    </message>
    <message>
        <source>review approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>review returned</source>
        <translation>审核退回</translation>
    </message>
    <message>
        <source>review pending again</source>
        <translation>重新待审核</translation>
    </message>
    <message>
        <source>earlier review archived</source>
        <translation>上一版审核存档</translation>
    </message>
    <message>
        <source>review received</source>
        <translation>收到审核结果</translation>
    </message>
    <message>
        <source>review exported</source>
        <translation>导出审核结果</translation>
    </message>
    <message>
        <source>(reason: {0})</source>
        <translation>（原因：{0}）</translation>
    </message>
    <message>
        <source>Verified {0}</source>
        <translation>核定 {0}</translation>
    </message>
    <message>
        <source>Self {0} / {1}</source>
        <translation>自评 {0} / {1}</translation>
    </message>
    <message>
        <source>Review: {0}</source>
        <translation>审核：{0}</translation>
    </message>
    <message>
        <source>; open issues on points {0}</source>
        <translation>；有问题的评分点：{0}</translation>
    </message>
    <message>
        <source>Province&apos;s comment: {0}</source>
        <translation>省级意见：{0}</translation>
    </message>
    <message>
        <source>Approve the assessment with the verified scores</source>
        <translation>按核定分通过本评估</translation>
    </message>
    <message>
        <source>Can&apos;t approve yet: no point may carry an open issue or be unanswered</source>
        <translation>暂不能通过：不能有带问题或未答的评分点</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Not approved: {0}</source>
        <translation>未通过：{0}</translation>
    </message>
    <message>
        <source>Return to the region</source>
        <translation>退回地区</translation>
    </message>
    <message>
        <source>What must the region fix? (sent back with the review)</source>
        <translation>需要地区修改什么？（随审核结果发回）</translation>
    </message>
    <message>
        <source>Not returned</source>
        <translation>未退回</translation>
    </message>
    <message>
        <source>Returning needs a comment for the region.</source>
        <translation>退回须填写给地区的意见。</translation>
    </message>
    <message>
        <source>Not returned: {0}</source>
        <translation>未退回：{0}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <source>How do you want to start? You can open other databases later with File › Open database.</source>
        <translation>您想怎样开始？以后可以通过“文件 › 打开数据库”打开其他数据库。</translation>
    </message>
    <message>
        <source>&amp;Start an empty database for my region&apos;s own assessments</source>
        <translation>新建空数据库，用于本地区自己的评估(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Look around in the illustrative sample (not the province&apos;s official scoring)</source>
        <translation>先看看示例数据（示意性数据，不是省里的正式评分）(&amp;L)</translation>
    </message>
    <message>
        <source>My &amp;region:</source>
        <translation>本地区(&amp;R)：</translation>
    </message>
    <message>
        <source>Your region becomes the default for new assessments.</source>
        <translation>新建评估时默认使用该地区。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>User manual</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>ImportResultsDialog</name>
    <message>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <source>already present</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>older than present</source>
        <translation>比现有版本旧</translation>
    </message>
    <message>
        <source>kept existing</source>
        <translation>保留原有</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>The import was cancelled before this file.</source>
        <translation>导入在处理该文件之前已取消。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the report to the clipboard (paste it into Excel or a message)</source>
        <translation>把报告复制到剪贴板（可粘贴到 Excel 或消息中）</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>{0} imported, {1} replaced, {2} skipped, {3} refused.</source>
        <translation>导入 {0} 个，替换 {1} 个，跳过 {2} 个，拒绝 {3} 个。</translation>
    </message>
    <message>
        <source>Cancelled: {0} file(s) not imported.</source>
        <translation>已取消：{0} 个文件未导入。</translation>
    </message>
    <message>
        <source>{0} of the imported assessments are drafts, not submitted.</source>
        <translation>导入的评估中有 {0} 个是草稿，尚未提交。</translation>
    </message>
    <message>
        <source>import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Imported as assessment {0}.</source>
        <translation>已导入，评估编号 {0}。</translation>
    </message>
    <message>
        <source>Replaced the assessment already present (assessment {0}).</source>
        <translation>已替换数据库中原有的评估（评估编号 {0}）。</translation>
    </message>
    <message>
        <source>The same revision is already in the database (assessment {0}); skipped.</source>
        <translation>数据库中已有同一修订版（评估编号 {0}），已跳过。</translation>
    </message>
    <message>
        <source>This file is older than the revision in the database (assessment {0}); not imported.</source>
        <translation>该文件比数据库中的修订版旧（评估编号 {0}），未导入。</translation>
    </message>
    <message>
        <source>Already in the database (assessment {0}); the replacement was not confirmed, so it was kept.</source>
        <translation>数据库中已有该评估（评估编号 {0}）；未确认替换，保留原有评估。</translation>
    </message>
    <message>
        <source>It is a draft, not submitted.</source>
        <translation>这是草稿，尚未提交。</translation>
    </message>
    <message>
        <source>Incomplete: {0} of {1} points answered.</source>
        <translation>不完整：{1} 个评分点中已答 {0} 个。</translation>
    </message>
    <message>
        <source>This file can&apos;t be imported. Reason (technical): {0}</source>
        <translation>无法导入该文件。原因（技术说明）：{0}</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <source>Self</source>
        <translation>自评</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Last yr</source>
        <translation>上年</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核定</translation>
    </message>
    <message>
        <source>Score of the region&apos;s assessment of {0}</source>
        <translation>本地区 {0} 年评估的得分</translation>
    </message>
    <message>
        <source>[issue]</source>
        <translation>【问题】</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未答</translation>
    </message>
    <message>
        <source>Last year: {0}</source>
        <translation>上年：{0}</translation>
    </message>
    <message>
        <source>Province: {0}</source>
        <translation>省级：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) unanswered</source>
        <translation>
            <numerusform>%n 个评分点未答</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New assessment…</source>
        <translation>新建评估(&amp;N)…</translation>
    </message>
    <message>
        <source>New from &amp;last year…</source>
        <translation>沿用上年新建(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Delete assessment…</source>
        <translation>删除评估(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reopen…</source>
        <translation>重新打开(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Export workbook…</source>
        <translation>导出工作簿(&amp;E)…</translation>
    </message>
    <message>
        <source>Export pac&amp;kage for the province…</source>
        <translation>导出上报材料包(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Import workbooks…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>Save fill-in &amp;template…</source>
        <translation>保存填报模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Assessment &amp;PDF…</source>
        <translation>评估报告 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Province P&amp;DF…</source>
        <translation>省级报告 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next point</source>
        <translation>下一评分点(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous point</source>
        <translation>上一评分点(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;unanswered</source>
        <translation>下一未答(&amp;U)</translation>
    </message>
    <message>
        <source>Indicator &amp;tree</source>
        <translation>指标树(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Answer of the point</source>
        <translation>评分点答案(&amp;A)</translation>
    </message>
    <message>
        <source>Na&amp;vigator</source>
        <translation>导航(&amp;V)</translation>
    </message>
    <message>
        <source>Province &amp;dashboard</source>
        <translation>省级汇总(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Your &amp;name…</source>
        <translation>我的姓名(&amp;N)…</translation>
    </message>
    <message>
        <source>User &amp;manual</source>
        <translation>使用说明(&amp;M)</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <source>New assessment for another year with this one&apos;s answers</source>
        <translation>以本评估的答案新建另一年度的评估</translation>
    </message>
    <message>
        <source>Go to the next unanswered point (F8)</source>
        <translation>转到下一个未答评分点（F8）</translation>
    </message>
    <message>
        <source>Undo: {0}</source>
        <translation>撤销：{0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>评估(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Recent data&amp;bases</source>
        <translation>最近打开(&amp;B)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Jilin IP protection level assessment</source>
        <translation>吉林省知识产权保护水平评估</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>Read-only: the folder of this database can&apos;t be written (permissions, a write-protected USB stick or a CD), so it is open for reading only. To edit, copy it to a folder you can write, such as Documents, and open the copy.</source>
        <translation>只读：此数据库所在的文件夹不能写入（权限不足、U 盘写保护或光盘），因此只能查看。如需修改，请把它复制到可写的文件夹（如“文档”）后打开副本。</translation>
    </message>
    <message>
        <source>Read-only: this database was opened for reading only.</source>
        <translation>只读：此数据库以只读方式打开。</translation>
    </message>
    <message>
        <source>Read-only: this database file can&apos;t be written (it is marked read-only, or the disk is write-protected), so it is open for reading only. To edit, copy it to a folder you can write, such as Documents, and open the copy.</source>
        <translation>只读：此数据库文件不能写入（文件设为只读，或磁盘有写保护），因此只能查看。如需修改，请把它复制到可写的文件夹（如“文档”）后打开副本。</translation>
    </message>
    <message>
        <source>This database is on a network drive: it is kept with a rollback journal instead of WAL (which network drives don&apos;t support), and other computers wait while it is being written. Keep it on this computer&apos;s own disk when you can.</source>
        <translation>此数据库位于网络驱动器上：已改用回滚日志方式保存（网络驱动器不支持 WAL 方式），写入时其他计算机需要等待。条件允许时，请把数据库放在本机磁盘上。</translation>
    </message>
    <message>
        <source>Can&apos;t open the assessment</source>
        <translation>无法打开评估</translation>
    </message>
    <message>
        <source>Not created</source>
        <translation>未创建</translation>
    </message>
    <message>
        <source>Delete assessment</source>
        <translation>删除评估</translation>
    </message>
    <message>
        <source>Delete the assessment {0} with all its answers, notes and evidence? This can&apos;t be undone.</source>
        <translation>删除评估 {0} 及其全部答案、备注和佐证材料？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <source>Submit assessment</source>
        <translation>提交评估</translation>
    </message>
    <message>
        <source>Submit {0}? The assessment is then locked: it can only be changed again after reopening it with a reason, which the history keeps.</source>
        <translation>提交 {0} 吗？提交后评估将锁定：只有说明原因重新打开后才能再修改，原因会记入修改记录。</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>未提交</translation>
    </message>
    <message>
        <source>{0} point(s) are unanswered; answer them before submitting:</source>
        <translation>有 {0} 个评分点未答，请先作答再提交：</translation>
    </message>
    <message>
        <source>Export the workbook for the province now</source>
        <translation>现在导出报送省里的工作簿</translation>
    </message>
    <message>
        <source>Submitted and locked. Next step: {0} (File › Export workbook, Ctrl+S), and send it to the province.</source>
        <translation>已提交并锁定。下一步：{0}（文件 › 导出工作簿，Ctrl+S），然后报送省里。</translation>
    </message>
    <message>
        <source>Reopen assessment</source>
        <translation>重新打开评估</translation>
    </message>
    <message>
        <source>Why is {0} reopened? (kept in the history)</source>
        <translation>重新打开 {0} 的原因（记入修改记录）：</translation>
    </message>
    <message>
        <source>Not reopened</source>
        <translation>未重新打开</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>jlip database (*.sqlite)</source>
        <translation>jlip 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Province dashboard</source>
        <translation>省级汇总</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>我的姓名</translation>
    </message>
    <message>
        <source>The history records this name for what is done on this computer:
verdicts, imports, exports, and edits of an assessment that names no assessor.
Left empty, it records the computer&apos;s login ({0}).</source>
        <translation>本机所做的核查意见、导入、导出，以及未填评估人的评估的修改，
都以此姓名记入修改记录。
留空则记录本机登录名（{0}）。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved {0}.
Open it now?</source>
        <translation>已保存 {0}。
现在打开吗？</translation>
    </message>
    <message>
        <source>There are no assessments yet.</source>
        <translation>尚无评估。</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Export a draft?</source>
        <translation>导出草稿？</translation>
    </message>
    <message>
        <source>{0} is a draft, not submitted ({1} of {2} points answered). The workbook will say it is a draft, and the province treats it as an unfinished return. Export it anyway?</source>
        <translation>{0} 是草稿，尚未提交（{2} 个评分点中已答 {1} 个）。导出的工作簿会标明为草稿，省里会把它当作未完成的报送。仍要导出吗？</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <source>Export package for the province</source>
        <translation>导出上报材料包</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入上报材料包…</translation>
    </message>
    <message>
        <source> package</source>
        <translation> 上报材料包</translation>
    </message>
    <message>
        <source>Save fill-in template</source>
        <translation>保存填报模板</translation>
    </message>
    <message>
        <source>fill-in template</source>
        <translation>填报模板</translation>
    </message>
    <message>
        <source>Province workbook</source>
        <translation>省级汇总工作簿</translation>
    </message>
    <message>
        <source>province {0}</source>
        <translation>省级汇总 {0}</translation>
    </message>
    <message>
        <source>Assessment PDF</source>
        <translation>评估报告 PDF</translation>
    </message>
    <message>
        <source>Province PDF</source>
        <translation>省级报告 PDF</translation>
    </message>
    <message>
        <source>province report {0}</source>
        <translation>省级报告 {0}</translation>
    </message>
    <message>
        <source>Import workbooks</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <source>Workbooks and packages (*.xlsx *.zip);;Excel workbooks (*.xlsx);;Packages (*.zip)</source>
        <translation>工作簿和数据包 (*.xlsx *.zip);;Excel 工作簿 (*.xlsx);;数据包 (*.zip)</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消，没有导入任何文件。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Province &amp;workbook…</source>
        <translation>省级汇总工作簿(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Previous unans&amp;wered</source>
        <translation>上一未答(&amp;W)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>jlip-desktop {0}
Assessment of IP protection levels against the Jilin Province indicator system.
Grade bands: the tool&apos;s default ({1}).</source>
        <translation>jlip-desktop {0}
按吉林省知识产权保护水平指标体系进行评估。
等级划分：本工具默认分档（{1}）。</translation>
    </message>
    <message>
        <source>Administrative &amp;divisions…</source>
        <translation>行政区划(&amp;D)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
</context>
<context>
    <name>NavigatorPane</name>
    <message>
        <source>Find a region (name, code or pinyin initials)</source>
        <translation>查找地区（名称、代码或拼音首字母）</translation>
    </message>
    <message>
        <source>Type part of a name (德惠), its code or its pinyin initials (dh), then Enter</source>
        <translation>输入名称的一部分（德惠）、代码或拼音首字母（dh），然后按回车</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>New assessment from last year&apos;s answers</source>
        <translation>沿用上年答案新建评估</translation>
    </message>
    <message>
        <source>The previous year by default: a yearly self-assessment covers the year that has ended.</source>
        <translation>默认为上一年度：年度自评估针对已结束的那一年。</translation>
    </message>
    <message>
        <source>The year after {0}.</source>
        <translation>{0} 年的下一年。</translation>
    </message>
    <message>
        <source>Answers are copied from {0}; notes and evidence are not.</source>
        <translation>从 {0} 年复制答案；备注和佐证材料不复制。</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>地区(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Assessor:</source>
        <translation>评估人(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>PointForm</name>
    <message>
        <source>Scoring rule</source>
        <translation>评分规则</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>C&amp;lear answer</source>
        <translation>清除答案(&amp;L)</translation>
    </message>
    <message>
        <source>Mark the point as unanswered</source>
        <translation>将该评分点标为未答</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Ev&amp;idence files</source>
        <translation>佐证材料(&amp;I)</translation>
    </message>
    <message>
        <source>A&amp;dd file…</source>
        <translation>添加文件(&amp;D)…</translation>
    </message>
    <message>
        <source>O&amp;pen</source>
        <translation>打开(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Tip: drop files on this form to attach them as evidence.</source>
        <translation>提示：将文件拖放到此处即可添加为佐证材料。</translation>
    </message>
    <message>
        <source>Requires point ({0}), which earns no marks: this answer set can&apos;t be submitted (scores are unchanged).</source>
        <translation>前提要点（{0}）未得分：不能提交（分数不受影响）。</translation>
    </message>
    <message>
        <source>Yes scores {0}, no scores 0.</source>
        <translation>是得 {0} 分，否得 0 分。</translation>
    </message>
    <message>
        <source>{0} per occurrence, at most {1}.</source>
        <translation>每次 {0} 分，最多 {1} 分。</translation>
    </message>
    <message>
        <source>{0} per domain, at most {1}.</source>
        <translation>每个领域 {0} 分，最多 {1} 分。</translation>
    </message>
    <message>
        <source>Graded from 0 to {0} in steps of {1}.</source>
        <translation>按 0 至 {0} 分评分，步长 {1}。</translation>
    </message>
    <message>
        <source>&amp;Yes ({0})</source>
        <translation>是(&amp;Y)（{0} 分）</translation>
    </message>
    <message>
        <source>N&amp;o (0)</source>
        <translation>否(&amp;O)（0 分）</translation>
    </message>
    <message>
        <source>&amp;Unanswered</source>
        <translation>未答(&amp;U)</translation>
    </message>
    <message>
        <source>unanswered</source>
        <translation>未答</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>{0} each, at most {1}</source>
        <translation>每项 {0} 分，最多 {1} 分</translation>
    </message>
    <message>
        <source>0 to {0}, in steps of {1}</source>
        <translation>0 至 {0} 分，步长 {1}</translation>
    </message>
    <message>
        <source>{0} is not allowed: the point takes 0 to {1} in steps of {2} (nearest: {3} or {4}).</source>
        <translation>不能填 {0}：本评分点可填 0 至 {1}，以 {2} 为步长（最接近的是 {3} 或 {4}）。</translation>
    </message>
    <message>
        <source>&amp;0 None of these</source>
        <translation>&amp;0 均无</translation>
    </message>
    <message>
        <source>Answer the point with no domain (scores 0)</source>
        <translation>回答为没有任何领域（得 0 分）</translation>
    </message>
    <message>
        <source>Unanswered · max {0}</source>
        <translation>未答 · 满分 {0}</translation>
    </message>
    <message>
        <source>Scores {0} of {1}</source>
        <translation>得 {0} 分（满分 {1}）</translation>
    </message>
</context>
<context>
    <name>RegionsDialog</name>
    <message>
        <source>Administrative divisions</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>评估数</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>province</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>prefecture level</source>
        <translation>市（州）级</translation>
    </message>
    <message>
        <source>county level</source>
        <translation>县（市、区）级</translation>
    </message>
    <message>
        <source>{0} regions. Import a CSV file (UTF-8, columns code, name, parent; optionally name_en, short and was, the previous code of a renumbered region) to replace the list: renamed and moved regions keep their assessments; regions not in the file are removed, but a region with assessments is never removed — then nothing is imported.</source>
        <translation>共 {0} 个地区。导入 CSV 文件（UTF-8；列 code、name、parent，可选 name_en、short 以及 was——改码地区的原代码）以替换列表：改名和改隶属的地区保留其评估；文件中没有的地区将被删除，但已有评估的地区绝不删除——这时什么也不导入。</translation>
    </message>
    <message>
        <source>Import administrative divisions</source>
        <translation>导入行政区划</translation>
    </message>
    <message>
        <source>Imported: {0} added, {1} renamed, {2} moved, {3} renumbered, {4} removed, {5} unchanged.</source>
        <translation>已导入：新增 {0}，改名 {1}，改隶属 {2}，改码 {3}，删除 {4}，未变 {5}。</translation>
    </message>
</context>
<context>
    <name>ReplaceDialog</name>
    <message>
        <source>Replace assessments?</source>
        <translation>替换评估？</translation>
    </message>
    <message>
        <source>These files hold assessments that are already in the database. Tick the ones that should replace what is there; the others are left as they are.</source>
        <translation>以下文件中的评估在数据库中已经存在。请勾选要替换原有评估的文件；未勾选的保持原样。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Region and year</source>
        <translation>地区和年度</translation>
    </message>
    <message>
        <source>In the database</source>
        <translation>数据库中</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>文件中</translation>
    </message>
    <message>
        <source>an earlier file of this import</source>
        <translation>本次导入中较早的文件</translation>
    </message>
    <message>
        <source>&amp;Replace the ticked ones</source>
        <translation>替换勾选的(&amp;R)</translation>
    </message>
    <message>
        <source>Replace &amp;none</source>
        <translation>都不替换(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Cancel the import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>revision {0}</source>
        <translation>第 {0} 版</translation>
    </message>
    <message>
        <source>no revision</source>
        <translation>无版本号</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 分</translation>
    </message>
    <message>
        <source>answered {0}/{1}</source>
        <translation>已答 {0}/{1}</translation>
    </message>
</context>
<context>
    <name>ReportSettingsDialog</name>
    <message>
        <source>Province report {0}</source>
        <translation>{0}年度省级报告</translation>
    </message>
    <message>
        <source>In the order of the region list</source>
        <translation>按行政区划顺序</translation>
    </message>
    <message>
        <source>Highest total first</source>
        <translation>按总分从高到低</translation>
    </message>
    <message>
        <source>Chapter 4 (problems and recommendations) is written from the scores; what you write here is added to its problems.</source>
        <translation>第四章（问题分析与对策建议）根据各地得分生成；此处填写的内容将补充到问题分析中。</translation>
    </message>
    <message>
        <source>&amp;Issued by:</source>
        <translation>落款单位(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Regions&apos; sections:</source>
        <translation>各地章节顺序(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>补充说明(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Province review of this point</source>
        <translation>本评分点的省级审核</translation>
    </message>
    <message>
        <source>Ad&amp;just</source>
        <translation>调整(&amp;J)</translation>
    </message>
    <message>
        <source>Accept (&amp;K)</source>
        <translation>认可(&amp;K)</translation>
    </message>
    <message>
        <source>Issue (&amp;Q)</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <source>No verdict</source>
        <translation>未审</translation>
    </message>
    <message>
        <source>Without a verdict the county&apos;s answer counts as accepted</source>
        <translation>未审的评分点按认可计</translation>
    </message>
    <message>
        <source>Verified answer:</source>
        <translation>核定答案：</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>意见(&amp;M)</translation>
    </message>
    <message>
        <source>Save verdi&amp;ct</source>
        <translation>保存审核意见(&amp;C)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Province: no verdict on this point (the answer stands).</source>
        <translation>省级：本评分点未给意见（按原答案）。</translation>
    </message>
    <message>
        <source>Province: {0}</source>
        <translation>省级：{0}</translation>
    </message>
    <message>
        <source> — verified answer: {0}</source>
        <translation> — 核定答案：{0}</translation>
    </message>
    <message>
        <source>Comment: {0}</source>
        <translation>意见：{0}</translation>
    </message>
    <message>
        <source> (0 to {0}, steps of {1})</source>
        <translation>（0 至 {0}，步长 {1}）</translation>
    </message>
</context>
<context>
    <name>SchemeImportDialog</name>
    <message>
        <source>Import scheme</source>
        <translation>导入方案</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>安装(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应为</translation>
    </message>
    <message>
        <source>Choose a scheme workbook (written by 方案 › 导出方案工作簿… or &apos;jlip catalog-xlsx&apos;) or a catalogue file (.json). Every problem is listed with its sheet, row and column; a scheme without problems can be installed into this database.</source>
        <translation>请选择方案工作簿（由 方案 › 导出方案工作簿… 或 “jlip catalog-xlsx” 生成）或方案文件（.json）。所有问题逐条列出所在的工作表、行和列；没有问题的方案才能安装到本数据库。</translation>
    </message>
    <message>
        <source>Scheme workbook or catalogue (*.xlsx *.json)</source>
        <translation>方案工作簿或方案文件 (*.xlsx *.json)</translation>
    </message>
    <message>
        <source>a scheme workbook or catalogue file</source>
        <translation>方案工作簿或方案文件</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; nothing was installed. Correct the workbook and choose it again.</source>
        <translation>
            <numerusform>发现 %n 个问题，未安装。请改正工作簿后重新选择。</numerusform>
        </translation>
    </message>
    <message>
        <source>(already installed, same content)</source>
        <translation>（已安装，内容相同）</translation>
    </message>
    <message>
        <source>(a different scheme with this id is installed: it can&apos;t be installed)</source>
        <translation>（已安装了同一编号的另一方案，不能安装）</translation>
    </message>
    <message>
        <source>No problems. {0} — {1}, from {2}: {3} primary, {4} secondary, {5} tertiary indicators, {6} points, {7} in all.</source>
        <translation>没有问题。{0} — {1}，{2} 年起适用：一级指标 {3} 项、二级指标 {4} 项、三级指标 {5} 项，考核要点 {6} 项，满分 {7}。</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Scheme installed</source>
        <translation>方案已安装</translation>
    </message>
    <message>
        <source>{0} ({1}) is installed. New assessments from {2} on use it.</source>
        <translation>{0}（{1}）已安装。{2} 年起的新评估使用该方案。</translation>
    </message>
</context>
<context>
    <name>SchemeMenu</name>
    <message>
        <source>S&amp;cheme</source>
        <translation>方案(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import scheme…</source>
        <translation>导入方案(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export scheme workbook…</source>
        <translation>导出方案工作簿(&amp;E)…</translation>
    </message>
    <message>
        <source>Export scheme workbook</source>
        <translation>导出方案工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>The scheme {0} is saved as {1}.</source>
        <translation>方案 {0} 已保存为 {1}。</translation>
    </message>
</context>
<context>
    <name>SummaryStrip</name>
    <message>
        <source>A&amp;ssessor:</source>
        <translation>评估人(&amp;S)：</translation>
    </message>
    <message>
        <source>Total {0} / {1}</source>
        <translation>总分 {0} / {1}</translation>
    </message>
    <message>
        <source>Grade: {0}</source>
        <translation>等级：{0}</translation>
    </message>
    <message>
        <source>the tool&apos;s default bands</source>
        <translation>本工具默认分档</translation>
    </message>
    <message>
        <source>Grade bands: {0}</source>
        <translation>等级划分：{0}</translation>
    </message>
    <message>
        <source>Grade: open</source>
        <translation>等级：待定</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) still unanswered: the grade will be between {0} and {1}.</source>
        <translation>
            <numerusform>尚有 %n 个评分点未答：等级将在“{0}”与“{1}”之间。</numerusform>
        </translation>
    </message>
    <message>
        <source>Veto point not met: grade capped</source>
        <translation>一票否决项未达到：等级受限</translation>
    </message>
    <message>
        <source>Answered {0}/{1}</source>
        <translation>已答 {0}/{1}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Can&apos;t open the database {0}:
{1}</source>
        <translation>无法打开数据库 {0}：
{1}</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Your saved work is safe in the database.</source>
        <translation>发生意外错误。已保存的内容仍完好地保存在数据库中。</translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}</source>
        <translation>详细情况已记入日志文件：
{0}</translation>
    </message>
    <message>
        <source>The database {0} is already open in another jlip-desktop window on this computer (process {1}, since {2}). Use that window, or close it first.</source>
        <translation>数据库 {0} 已在另一个 jlip-desktop 窗口中打开（本机进程 {1}，自 {2} 起）。请使用该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <source>The database {0} is in use by jlip-desktop on the computer “{1}” (process {2}) since {3}.

If that window is still open, use it there or close it first: two windows on one database would overwrite each other&apos;s work.

If that computer was switched off or the program crashed, you can take the database over here.</source>
        <translation>数据库 {0} 正由计算机“{1}”上的 jlip-desktop 使用（进程 {2}，自 {3} 起）。

如果那个窗口仍开着，请在那里使用或先将其关闭：两个窗口同时使用一个数据库会互相覆盖对方的修改。

如果那台计算机已关机或程序已意外退出，可以在本机接管该数据库。</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>数据库正在使用中</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>接管(&amp;T)</translation>
    </message>
    <message>
        <source>The database {0} could not be taken over; it is still in use.</source>
        <translation>无法接管数据库 {0}，它仍在使用中。</translation>
    </message>
    <message>
        <source>The database {0} is damaged (it fails the integrity check), so it can&apos;t be opened.

The newest good copy in its backups folder is {1}, made {2}. Restore it? Changes made after that copy are lost; the damaged file is kept beside the database.</source>
        <translation>数据库 {0} 已损坏（未通过完整性检查），无法打开。

备份文件夹中最新的完好副本是 {1}，制作于 {2}。用它恢复吗？该副本之后所做的修改将丢失；损坏的文件会保留在数据库旁边。</translation>
    </message>
    <message>
        <source>Damaged database</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>&amp;Restore the copy</source>
        <translation>用副本恢复(&amp;R)</translation>
    </message>
    <message>
        <source>The copy {0} was restored. The damaged file was kept as {1}.</source>
        <translation>已用副本 {0} 恢复。损坏的文件保留为 {1}。</translation>
    </message>
    <message>
        <source>{0}: the folder {1} does not exist</source>
        <translation>{0}：文件夹 {1} 不存在</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The database {file} does not exist.</source>
        <translation>数据库 {file} 不存在。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a database file.</source>
        <translation>{file} 是文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>{file} is an empty file, not a jlip database.</source>
        <translation>{file} 是空文件，不是本软件的数据库。</translation>
    </message>
    <message>
        <source>{file} is a database of another program, not of jlip-desktop.</source>
        <translation>{file} 是其他程序的数据库，不是本软件的数据库。</translation>
    </message>
    <message>
        <source>{file} is not a jlip database (not a database file, or encrypted).</source>
        <translation>{file} 不是本软件的数据库（不是数据库文件，或已加密）。</translation>
    </message>
    <message>
        <source>{file} was made by a newer version of jlip-desktop (database version {version}; this one knows up to {known}). Open it with the newer version.</source>
        <translation>{file} 由更新版本的本软件创建（数据库版本 {version}，本版本最高支持 {known}）。请用新版本打开。</translation>
    </message>
    <message>
        <source>The database {file} is damaged; nothing was changed.</source>
        <translation>数据库 {file} 已损坏，未做任何改动。</translation>
    </message>
    <message>
        <source>The database {file} can only be read (the file or its folder is read-only); nothing was changed.</source>
        <translation>数据库 {file} 只能读取（文件或所在文件夹为只读），未做任何改动。</translation>
    </message>
    <message>
        <source>The database {file} is in a read-only folder and its last changes are still in {wal}; copy the folder to a writable place and open it there.</source>
        <translation>数据库 {file} 所在文件夹为只读，而最近的修改仍在 {wal} 中；请把整个文件夹复制到可写的位置后再打开。</translation>
    </message>
    <message>
        <source>The database {file} is busy: another program is writing to it; nothing was changed. Try again when it has finished.</source>
        <translation>数据库 {file} 正忙：另一个程序正在写入，未做任何改动。请等它完成后再试。</translation>
    </message>
    <message>
        <source>The disk of {file} is full; nothing was changed. Free some space and try again.</source>
        <translation>{file} 所在磁盘已满，未做任何改动。请清理出空间后再试。</translation>
    </message>
    <message>
        <source>The disk or network failed to read or write the database {file}; nothing was changed.</source>
        <translation>读写数据库 {file} 时磁盘或网络出错，未做任何改动。</translation>
    </message>
    <message>
        <source>The database file {file} can&apos;t be opened.</source>
        <translation>无法打开数据库文件 {file}。</translation>
    </message>
    <message>
        <source>The database {file} could not be upgraded to this version; nothing was changed.</source>
        <translation>数据库 {file} 无法升级到本版本，未做任何改动。</translation>
    </message>
    <message>
        <source>The database {file} reported an error; nothing was changed.</source>
        <translation>数据库 {file} 出错，未做任何改动。</translation>
    </message>
    <message>
        <source>No backup copy of {file} could be made.</source>
        <translation>无法为 {file} 制作备份。</translation>
    </message>
    <message>
        <source>The backup copy could not be put back in place of {file}; the file is unchanged.</source>
        <translation>无法用备份替换 {file}，该文件保持不变。</translation>
    </message>
    <message>
        <source>The indicator system&apos;s id {id} is not a valid name.</source>
        <translation>指标体系编号 {id} 不是有效的名称。</translation>
    </message>
    <message>
        <source>In the indicator system, point ({point}) requires point ({requires}), which does not exist.</source>
        <translation>指标体系中，评分点（{point}）以评分点（{requires}）为前提，但后者不存在。</translation>
    </message>
    <message>
        <source>In the indicator system, the points that require each other form a cycle: {cycle}.</source>
        <translation>指标体系中，互为前提的评分点构成循环：{cycle}。</translation>
    </message>
    <message>
        <source>Not submitted: point(s) {points} earn marks, but the point(s) they require ({requires}) earn none. Check these answers.</source>
        <translation>未提交：评分点 {points} 得分，但其前提评分点（{requires}）未得分。请核对这些答案。</translation>
    </message>
    <message>
        <source>A different scheme with the id {id} is already installed; give the new scheme an id of its own.</source>
        <translation>已安装了编号为 {id} 的另一方案；请为新方案另取编号。</translation>
    </message>
    <message>
        <source>The scheme workbook {file} has {count} problem(s); nothing was written.</source>
        <translation>方案工作簿 {file} 有 {count} 个问题，未生成方案文件。</translation>
    </message>
    <message>
        <source>There is no assessment {id} (it may have been deleted).</source>
        <translation>没有编号为 {id} 的评估（可能已被删除）。</translation>
    </message>
    <message>
        <source>Unknown region code {region}: expected a code of Jilin such as 220100.</source>
        <translation>未知的地区代码 {region}：应为吉林省的行政区划代码，如 220100。</translation>
    </message>
    <message>
        <source>The year must be a whole year such as 2021 (got {year}).</source>
        <translation>年度应为整数年份，如 2021（收到的是 {year}）。</translation>
    </message>
    <message>
        <source>{region} {year} already has an assessment (number {id}). Open it in the navigator instead of creating another.</source>
        <translation>{region} {year} 年已有评估（编号 {id}）。请在左侧导航中打开它，不要再新建。</translation>
    </message>
    <message>
        <source>The assessment {region} {year} is submitted and locked; reopen it to edit.</source>
        <translation>评估 {region} {year} 年已提交并锁定；如需修改，请先重新打开。</translation>
    </message>
    <message>
        <source>Not submitted: {count} point(s) are unanswered: {missing}.</source>
        <translation>未提交：有 {count} 个评分点未答：{missing}。</translation>
    </message>
    <message>
        <source>Reopening a submitted assessment needs a reason.</source>
        <translation>重新打开已提交的评估需要填写原因。</translation>
    </message>
    <message>
        <source>Assessment {id} is not submitted, so it needs no reopening.</source>
        <translation>评估 {id} 尚未提交，无需重新打开。</translation>
    </message>
    <message>
        <source>The evidence file (number {id}) is no longer in the database.</source>
        <translation>该佐证材料（编号 {id}）已不在数据库中。</translation>
    </message>
    <message>
        <source>Unknown status {status}.</source>
        <translation>未知的状态 {status}。</translation>
    </message>
    <message>
        <source>{at_point}The {field} must be text.</source>
        <translation>{at_point}{field}必须是文字。</translation>
    </message>
    <message>
        <source>{at_point}The {field} is {length} characters long; at most {limit} are accepted.</source>
        <translation>{at_point}{field}有 {length} 个字符，最多只能 {limit} 个。</translation>
    </message>
    <message>
        <source>{at_point}The {field} holds an invalid character ({char}).</source>
        <translation>{at_point}{field}含有无效字符（{char}）。</translation>
    </message>
    <message>
        <source>{at_point}The {field} holds a control character ({char}), which is not accepted.</source>
        <translation>{at_point}{field}含有不允许的控制字符（{char}）。</translation>
    </message>
    <message>
        <source>The {field} is missing.</source>
        <translation>缺少{field}。</translation>
    </message>
    <message>
        <source>{at_point}The {field} is too large ({size} bytes; at most {limit}).</source>
        <translation>{at_point}{field}过大（{size} 字节，最多 {limit} 字节）。</translation>
    </message>
    <message>
        <source>{file} was not written: the disk is full.</source>
        <translation>未能写入 {file}：磁盘已满。</translation>
    </message>
    <message>
        <source>{file} was not written: the disk is read-only.</source>
        <translation>未能写入 {file}：磁盘为只读。</translation>
    </message>
    <message>
        <source>{file} was not written: it is open in another program (such as Excel), or the folder can&apos;t be written. Close it, or choose another folder.</source>
        <translation>未能写入 {file}：该文件正被其他程序（如 Excel）打开，或文件夹不可写。请先关闭该文件，或另选文件夹。</translation>
    </message>
    <message>
        <source>{file} was not written ({reason}).</source>
        <translation>未能写入 {file}（{reason}）。</translation>
    </message>
    <message>
        <source>The file {file} does not exist.</source>
        <translation>文件 {file} 不存在。</translation>
    </message>
    <message>
        <source>The file {file} can&apos;t be read.</source>
        <translation>无法读取文件 {file}。</translation>
    </message>
    <message>
        <source>{file} was not exported: the database could not record the export, so no file was left.</source>
        <translation>未导出 {file}：数据库无法记录本次导出，因此没有留下文件。</translation>
    </message>
    <message>
        <source>Assessment {id} was exported by another window meanwhile; export it again.</source>
        <translation>评估 {id} 刚被另一个窗口导出，请重新导出。</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>This is a folder, not a file.</source>
        <translation>这是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>Not an Excel workbook, or the file is damaged or incomplete.</source>
        <translation>不是 Excel 工作簿，或文件已损坏、不完整。</translation>
    </message>
    <message>
        <source>Not a workbook of this program (exported assessment or fill-in template).</source>
        <translation>不是本软件的工作簿（导出的评估或填报模板）。</translation>
    </message>
    <message>
        <source>Made by another version of this program (format {format}); export it again with the same version.</source>
        <translation>由本软件的其他版本生成（格式 {format}），请用相同版本重新导出。</translation>
    </message>
    <message>
        <source>It uses an indicator system this program does not have ({catalog}).</source>
        <translation>使用了本软件没有的指标体系（{catalog}）。</translation>
    </message>
    <message>
        <source>Its region ({region}) is not a region of Jilin.</source>
        <translation>其地区（{region}）不是吉林省的地区。</translation>
    </message>
    <message>
        <source>Its year ({year}) is not a year such as 2021.</source>
        <translation>其年度（{year}）不是有效年份（如 2021）。</translation>
    </message>
    <message>
        <source>The workbook was edited after it was exported (its checksum does not match), so it can&apos;t be trusted. Ask for a fresh export.</source>
        <translation>该工作簿导出后被修改过（校验值不符），不能采信。请对方重新导出。</translation>
    </message>
    <message>
        <source>The workbook&apos;s data sheet is damaged ({reason}).</source>
        <translation>工作簿的数据表已损坏（{reason}）。</translation>
    </message>
    <message>
        <source>The workbook&apos;s layout is damaged ({what}).</source>
        <translation>工作簿的版式已损坏（{what}）。</translation>
    </message>
    <message>
        <source>Rows or cells of the fill-in template were moved or deleted; fill in a fresh template.</source>
        <translation>填报模板的行或单元格被移动或删除，请重新填写一份新模板。</translation>
    </message>
    <message>
        <source>The answer to point ({point}) breaks its rule.</source>
        <translation>评分点（{point}）的答案不符合评分规则。</translation>
    </message>
    <message>
        <source>The file can&apos;t be read: its contents are damaged.</source>
        <translation>无法读取该文件：内容已损坏。</translation>
    </message>
    <message>
        <source>The file can&apos;t be imported.</source>
        <translation>无法导入该文件。</translation>
    </message>
    <message>
        <source>{region} {year} imported as assessment {id}.</source>
        <translation>{region} {year} 年已导入，评估编号 {id}。</translation>
    </message>
    <message>
        <source>{region} {year}: the assessment already present was replaced (assessment {id}).</source>
        <translation>{region} {year} 年：已替换原有评估（评估编号 {id}）。</translation>
    </message>
    <message>
        <source>{region} {year}: revision {revision} is already in the database (assessment {id}); skipped.</source>
        <translation>{region} {year} 年：第 {revision} 版已在数据库中（评估编号 {id}），已跳过。</translation>
    </message>
    <message>
        <source>{region} {year}: this file is revision {revision}, older than revision {existing_revision} in the database; not imported.</source>
        <translation>{region} {year} 年：该文件是第 {revision} 版，比数据库中的第 {existing_revision} 版旧，未导入。</translation>
    </message>
    <message>
        <source>{region} {year} is already in the database (assessment {id}); the replacement was not confirmed, so it was kept.</source>
        <translation>{region} {year} 年已在数据库中（评估编号 {id}）；未确认替换，保留原有评估。</translation>
    </message>
    <message>
        <source>Not a zip package, or the file is truncated or damaged.</source>
        <translation>不是 zip 数据包，或文件不完整、已损坏。</translation>
    </message>
    <message>
        <source>The package is too large to open.</source>
        <translation>数据包过大，无法打开。</translation>
    </message>
    <message>
        <source>The file is larger than this program accepts.</source>
        <translation>文件超过本软件允许的大小。</translation>
    </message>
    <message>
        <source>The package holds too many files.</source>
        <translation>数据包中的文件过多。</translation>
    </message>
    <message>
        <source>The package holds the file {entry} twice.</source>
        <translation>数据包中文件 {entry} 出现了两次。</translation>
    </message>
    <message>
        <source>The package holds a file with an unsafe name ({entry}).</source>
        <translation>数据包中有名称不安全的文件（{entry}）。</translation>
    </message>
    <message>
        <source>The package holds a link ({entry}) instead of a file.</source>
        <translation>数据包中有链接（{entry}）而不是文件。</translation>
    </message>
    <message>
        <source>The package holds an encrypted file ({entry}).</source>
        <translation>数据包中有加密的文件（{entry}）。</translation>
    </message>
    <message>
        <source>The package holds something unexpected ({entry}).</source>
        <translation>数据包中有意外的内容（{entry}）。</translation>
    </message>
    <message>
        <source>The package uses a compression method this program does not support ({entry}).</source>
        <translation>数据包使用了本软件不支持的压缩方式（{entry}）。</translation>
    </message>
    <message>
        <source>A file in the package ({entry}) unpacks to more than this program accepts.</source>
        <translation>数据包中的文件（{entry}）解压后超过本软件允许的大小。</translation>
    </message>
    <message>
        <source>A file in the package ({entry}) unpacks to far more than its packed size (a zip bomb); refused.</source>
        <translation>数据包中的文件（{entry}）解压后远大于压缩大小（疑似压缩炸弹），已拒绝。</translation>
    </message>
    <message>
        <source>A file in the package ({entry}) is damaged.</source>
        <translation>数据包中的文件（{entry}）已损坏。</translation>
    </message>
    <message>
        <source>Not exported: the evidence file {name} of point ({point}) is {size_mb} MB; a package takes at most {limit_mb} MB per file.</source>
        <translation>未导出：要点（{point}）的佐证材料“{name}”有 {size_mb} MB，材料包中每个文件最多 {limit_mb} MB。</translation>
    </message>
    <message>
        <source>Not exported: the evidence files come to {size_mb} MB; a package takes at most {limit_mb} MB.</source>
        <translation>未导出：佐证材料合计 {size_mb} MB，一个材料包最多 {limit_mb} MB。</translation>
    </message>
    <message>
        <source>Not exported: {count} evidence files; a package takes at most {limit}.</source>
        <translation>未导出：共有 {count} 个佐证材料文件，一个材料包最多 {limit} 个。</translation>
    </message>
    <message>
        <source>Not exported: the evidence file {name} of point ({point}) is damaged in the database.</source>
        <translation>未导出：数据库中要点（{point}）的佐证材料“{name}”已损坏（校验值不符）。</translation>
    </message>
    <message>
        <source>Not a package of this program (it has no manifest.json).</source>
        <translation>不是本软件导出的上报材料包（缺少 manifest.json）。</translation>
    </message>
    <message>
        <source>The package&apos;s list of contents (manifest.json) is damaged ({reason}).</source>
        <translation>材料包的内容清单（manifest.json）已损坏（{reason}）。</translation>
    </message>
    <message>
        <source>Made by another version of this program (package format {format}).</source>
        <translation>由其他版本的本软件生成（材料包格式 {format}），本版本无法读取。</translation>
    </message>
    <message>
        <source>A file the package should hold is missing: {entry}.</source>
        <translation>材料包缺少应有的文件：{entry}。</translation>
    </message>
    <message>
        <source>The package holds a file its workbook does not list: {entry}.</source>
        <translation>材料包中有评估表未列出的文件：{entry}。</translation>
    </message>
    <message>
        <source>A file in the package was changed after export: {entry}.</source>
        <translation>材料包中的文件在导出后被改动过：{entry}。</translation>
    </message>
    <message>
        <source>The package holds a fill-in template ({entry}), not an exported assessment.</source>
        <translation>材料包中的 {entry} 是填报模板，不是导出的评估表。</translation>
    </message>
    <message>
        <source>The package changed while it was being imported ({entry}); nothing was imported.</source>
        <translation>导入过程中材料包被改动（{entry}），未导入任何内容。</translation>
    </message>
    <message>
        <source>The indicator system file {file} can&apos;t be read.</source>
        <translation>无法读取指标体系文件 {file}。</translation>
    </message>
    <message>
        <source>{file} is not a scheme workbook.</source>
        <translation>{file} 不是方案工作簿。</translation>
    </message>
    <message>
        <source>The year must be a whole year such as 2021.</source>
        <translation>年度应为整数年份，如 2021。</translation>
    </message>
    <message>
        <source>The report setting is too long.</source>
        <translation>报告设置过长。</translation>
    </message>
    <message>
        <source>Unknown order of the report&apos;s regions.</source>
        <translation>未知的报告地区排序方式。</translation>
    </message>
    <message>
        <source>Unknown report setting.</source>
        <translation>未知的报告设置。</translation>
    </message>
    <message>
        <source>Assessment {id} was imported: the county&apos;s answers are not edited here; review it instead.</source>
        <translation>评估 {id} 是导入的：县区的答案不在这里修改，请改为审核。</translation>
    </message>
    <message>
        <source>Assessment {id} was made in this database; only imported assessments are reviewed.</source>
        <translation>评估 {id} 是在本数据库中新建的；只有导入的评估才能审核。</translation>
    </message>
    <message>
        <source>Not approved: point(s) {points} still carry an open issue. Accept or adjust them, or return the assessment.</source>
        <translation>未通过：评分点 {points} 仍有未解决的问题。请认可或调整这些评分点，或退回该评估。</translation>
    </message>
    <message>
        <source>Not approved: point(s) {points} are unanswered. Return the assessment to the county, or adjust them.</source>
        <translation>未通过：评分点 {points} 未填报。请将评估退回县区，或调整这些评分点。</translation>
    </message>
    <message>
        <source>Not approved: the verified answers of point(s) {points} break a rule (a point they require earns nothing).</source>
        <translation>未通过：评分点 {points} 的核定答案违反前提规则（其前提评分点未得分）。</translation>
    </message>
    <message>
        <source>Not approved: the county sent assessment {id} as a draft (not submitted). Return it, or wait for the submitted revision.</source>
        <translation>未通过：县区报送的评估 {id} 是草稿（尚未提交）。请退回，或等待已提交的版本。</translation>
    </message>
    <message>
        <source>Point ({point}): an adjustment needs the verified value.</source>
        <translation>评分点（{point}）：调整需要填写核定值。</translation>
    </message>
    <message>
        <source>Approve or return assessment {id} before exporting its review.</source>
        <translation>请先通过或退回评估 {id}，再导出审核结果。</translation>
    </message>
    <message>
        <source>The review workbook {file} was edited after export; nothing was changed.</source>
        <translation>审核结果工作簿 {file} 导出后被修改过；数据没有任何改动。</translation>
    </message>
    <message>
        <source>The review workbook {file} reviews revision {revision}, but the latest export is revision {latest}; nothing was changed.</source>
        <translation>审核结果工作簿 {file} 审核的是第 {revision} 版，而最新导出的是第 {latest} 版；数据没有任何改动。</translation>
    </message>
    <message>
        <source>The review workbook {file} is for {region} {year}, which has no assessment in this database.</source>
        <translation>审核结果工作簿 {file} 针对 {region} {year} 年，本数据库中没有该评估。</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook, or it is damaged; nothing was changed.</source>
        <translation>{file} 不是 Excel 工作簿，或已损坏；数据没有任何改动。</translation>
    </message>
    <message>
        <source>{file} is not a review workbook of jlip-desktop.</source>
        <translation>{file} 不是 jlip-desktop 的审核结果工作簿。</translation>
    </message>
    <message>
        <source>{file}: entry {entry} can&apos;t be imported ({reason}).</source>
        <translation>{file}：第 {entry} 项无法导入（{reason}）。</translation>
    </message>
    <message>
        <source>{file} holds no assessment: nothing to import.</source>
        <translation>{file} 中没有评估，没有可导入的内容。</translation>
    </message>
    <message>
        <source>{file} is not an answers file of this program.</source>
        <translation>{file} 不是本软件的答案文件。</translation>
    </message>
    <message>
        <source>{file} holds too many assessments for one import.</source>
        <translation>{file} 中的评估过多，无法一次导入。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a file.</source>
        <translation>{file} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel).</source>
        <translation>{file} 不是 UTF-8 文本；请另存为 UTF-8（Excel 中选“CSV UTF-8”）。</translation>
    </message>
    <message>
        <source>Point ({point}): the review comment must be text.</source>
        <translation>评分点（{point}）：审核意见必须是文字。</translation>
    </message>
    <message>
        <source>Unknown review decision {decision}: approve or return.</source>
        <translation>未知的审核结论 {decision}：应为通过或退回。</translation>
    </message>
    <message>
        <source>{at_point}The verdict {verdict} is not one of the review&apos;s verdicts, or it carries no value.</source>
        <translation>{at_point}审核意见 {verdict} 不是有效的审核结论，或缺少核定值。</translation>
    </message>
    <message>
        <source>The review workbook {file} uses another indicator system than the assessment.</source>
        <translation>审核工作簿 {file} 使用的指标体系与评估不同。</translation>
    </message>
    <message>
        <source>The review workbook {file} is damaged.</source>
        <translation>审核工作簿 {file} 已损坏。</translation>
    </message>
    <message>
        <source>The review workbook {file} is about {region} {year}, which was imported here; a review goes back to the database the assessment was made in.</source>
        <translation>审核工作簿 {file} 针对的是 {region} {year} 年的评估，该评估是导入到本数据库的；审核结果应导入到原先填写该评估的数据库。</translation>
    </message>
    <message>
        <source>The review workbook {file} can&apos;t be read.</source>
        <translation>无法读取审核工作簿 {file}。</translation>
    </message>
    <message>
        <source>The review workbook {file} was made by another version of this program.</source>
        <translation>审核工作簿 {file} 由本软件的其他版本生成。</translation>
    </message>
    <message>
        <source>assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>evidence file name</source>
        <translation>佐证材料文件名</translation>
    </message>
    <message>
        <source>evidence file</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Point ({0}): </source>
        <translation>评分点（{0}）：</translation>
    </message>
    <message>
        <source>This could not be done; nothing was changed. The technical details are below (for support).</source>
        <translation>操作未能完成，数据没有任何改动。技术说明见下方（供技术支持参考）。</translation>
    </message>
    <message>
        <source>An unexpected error occurred; nothing was changed. The technical details are below (for support).</source>
        <translation>发生意外错误，数据没有任何改动。技术说明见下方（供技术支持参考）。</translation>
    </message>
    <message>
        <source>The region list {file} was not imported; nothing was changed. Line {line}: {reason}</source>
        <translation>地区列表 {file} 未导入，数据没有任何改动。第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>The region list {file} was not imported; nothing was changed: region {region} has {count} assessment(s) and is not in the file. A region with assessments can&apos;t be removed.</source>
        <translation>地区列表 {file} 未导入，数据没有任何改动：地区 {region} 已有 {count} 份评估，但文件中没有它。已有评估的地区不能删除。</translation>
    </message>
    <message>
        <source>The file {file} lists no regions; nothing was changed.</source>
        <translation>文件 {file} 中没有地区，数据没有任何改动。</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Draft (not submitted)</source>
        <translation>草稿（未提交）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Veto point not met: grade capped</source>
        <translation>一票否决项未达到：等级受限</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签字</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>盖章</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>unanswered</source>
        <translation>未答</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>readouts</name>
    <message>
        <source>unanswered</source>
        <translation>未答</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{0} times</source>
        <translation>{0} 次</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{0} / {1} pts</source>
        <translation>{0} / {1} 分</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <source>awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>认可</translation>
    </message>
    <message>
        <source>adjusted</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>问题</translation>
    </message>
</context>
</TS>
