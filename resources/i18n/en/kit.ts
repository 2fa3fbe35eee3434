<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>已取消：%1</source>
        <translation>Cancelled: %1</translation>
    </message>
</context>
<context>
    <name>DataTableView</name>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>复制（含表头）</source>
        <translation>Copy with headers</translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>按此值筛选：%1</source>
        <translation>Filter by this value: %1</translation>
    </message>
    <message>
        <source>按此值筛选（空）</source>
        <translation>Filter by this value (empty)</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>显示的列</source>
        <translation>Visible columns</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>设备系列</source>
        <translation>Device series</translation>
    </message>
    <message>
        <source>计费模式</source>
        <translation>Pricing mode</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>失效日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>单层单价</source>
        <translation>Single-floor price</translation>
    </message>
    <message>
        <source>多层固定价</source>
        <translation>Multi-floor flat price</translation>
    </message>
    <message>
        <source>公式 a</source>
        <translation>Formula a</translation>
    </message>
    <message>
        <source>公式 b</source>
        <translation>Formula b</translation>
    </message>
    <message>
        <source>阶梯</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>加层单价</source>
        <translation>Extra-floor price</translation>
    </message>
    <message>
        <source>面积单价</source>
        <translation>Area rate</translation>
    </message>
    <message>
        <source>年费</source>
        <translation>Annual fee</translation>
    </message>
    <message>
        <source>额度</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>超额单价</source>
        <translation>Overage price</translation>
    </message>
    <message>
        <source>付款期限</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>单层拍摄</source>
        <translation>Single-floor shoots</translation>
    </message>
    <message>
        <source>多层拍摄</source>
        <translation>Multi-floor shoots</translation>
    </message>
    <message>
        <source>多层总层数</source>
        <translation>Multi-floor floors</translation>
    </message>
    <message>
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>修正原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>必填，将记入审计日志</source>
        <translation>Required; recorded in the audit log</translation>
    </message>
    <message>
        <source>请填写原因。</source>
        <translation>Enter a reason.</translation>
    </message>
</context>
<context>
    <name>ReportIssuesModel</name>
    <message>
        <source>Excel行</source>
        <translation>Excel row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <source>选择 .xlsx 文件</source>
        <translation>Choose an .xlsx file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>先检查：试运行逐行核对文件，不写入任何数据；确认无误后再导入。</source>
        <translation>Check first: a dry run goes through the file row by row without writing anything; import once it looks right.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。</source>
        <translation>%1 rows: %2 new, %3 updated, %4 unchanged, %5 rejected; %6 with warnings.</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xls *.ods)</source>
        <translation>Excel workbooks (*.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>请选择一个存在的文件。</source>
        <translation>Choose an existing file.</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>检查结果（尚未写入）：</source>
        <translation>Check result (nothing written yet):</translation>
    </message>
    <message>
        <source>点“导入”写入。</source>
        <translation>Click Import to write.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入完成：</source>
        <translation>Import finished:</translation>
    </message>
    <message>
        <source>已取消，未写入任何数据。</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>无法导入此文件：%1</source>
        <translation>Cannot import this file: %1</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>文件夹 %1 不存在，请选择一个已有的文件夹。</source>
        <translation>The folder %1 does not exist. Choose an existing folder.</translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已开具</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已冲正</source>
        <translation>Credited</translation>
    </message>
    <message>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>部分付款</source>
        <translation>Partly paid</translation>
    </message>
    <message>
        <source>已付清</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>用量</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>套餐</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit note</translation>
    </message>
    <message>
        <source>未开票</source>
        <translation>No tax invoice</translation>
    </message>
    <message>
        <source>已开票</source>
        <translation>Tax invoice issued</translation>
    </message>
    <message>
        <source>按公司id</source>
        <translation>By company ID</translation>
    </message>
    <message>
        <source>按名称</source>
        <translation>By name</translation>
    </message>
    <message>
        <source>相似名称</source>
        <translation>Similar name</translation>
    </message>
    <message>
        <source>未匹配</source>
        <translation>Unmatched</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>逾期 1-30 天</source>
        <translation>1–30 days overdue</translation>
    </message>
    <message>
        <source>逾期 31-60 天</source>
        <translation>31–60 days overdue</translation>
    </message>
    <message>
        <source>逾期 61-90 天</source>
        <translation>61–90 days overdue</translation>
    </message>
    <message>
        <source>逾期 90 天以上</source>
        <translation>Over 90 days overdue</translation>
    </message>
    <message>
        <source>草稿 #%1</source>
        <translation>Draft #%1</translation>
    </message>
</context>
</TS>
