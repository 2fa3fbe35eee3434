<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AgingTab</name>
    <message>
        <source>截止日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>应收合计</source>
        <translation>Total receivable</translation>
    </message>
    <message>
        <source>截至 %1，%2 个客户有未收款项。</source>
        <translation>As of %1, %2 customers have outstanding amounts.</translation>
    </message>
    <message>
        <source>账龄分析-%1.xlsx</source>
        <translation>AR-aging-%1.xlsx</translation>
    </message>
</context>
<context>
    <name>ReceiptsByMonthTab</name>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>%1 至 %2，%3 个客户收款共 %4。</source>
        <translation>%1 to %2: %4 received from %3 customers.</translation>
    </message>
    <message>
        <source>收款统计-%1-%2.xlsx</source>
        <translation>Receipts-%1-%2.xlsx</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>查询</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>报表.xlsx</source>
        <translation>Report.xlsx</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>账龄分析</source>
        <translation>AR aging</translation>
    </message>
    <message>
        <source>结算状态</source>
        <translation>Settlement status</translation>
    </message>
    <message>
        <source>收款统计</source>
        <translation>Receipts by month</translation>
    </message>
</context>
<context>
    <name>SettlementTab</name>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>逾期截止</source>
        <translation>Overdue as of</translation>
    </message>
    <message>
        <source>账单金额 %1　已收 %2　未收 %3　逾期 %4　回款率 %5　·　未开具草稿 %6 张，已冲正 %7 张</source>
        <translation>Billed %1   Received %2   Outstanding %3   Overdue %4   Collection rate %5 · %6 drafts not issued, %7 credited</translation>
    </message>
    <message>
        <source>结算状态-%1.xlsx</source>
        <translation>Settlement-status-%1.xlsx</translation>
    </message>
    <message>
        <source>%1 账期，%2 个客户。</source>
        <translation>Period %1, %2 customers.</translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>逾期 1-30 天</source>
        <translation>1-30 days overdue</translation>
    </message>
    <message>
        <source>逾期 31-60 天</source>
        <translation>31-60 days overdue</translation>
    </message>
    <message>
        <source>逾期 61-90 天</source>
        <translation>61-90 days overdue</translation>
    </message>
    <message>
        <source>逾期 90 天以上</source>
        <translation>Over 90 days overdue</translation>
    </message>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>账单金额</source>
        <translation>Billed</translation>
    </message>
    <message>
        <source>已收金额</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>逾期金额</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>账单数</source>
        <translation>Bills</translation>
    </message>
    <message>
        <source>回款率</source>
        <translation>Collection rate</translation>
    </message>
</context>
</TS>
