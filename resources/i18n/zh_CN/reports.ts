<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AgingTab</name>
    <message>
        <source>截止日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应收合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 %1，%2 个客户有未收款项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账龄分析-%1.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptsByMonthTab</name>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2，%3 个客户收款共 %4。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款统计-%1-%2.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>账龄分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款统计</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettlementTab</name>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期截止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单金额 %1&#x3000;已收 %2&#x3000;未收 %3&#x3000;逾期 %4&#x3000;回款率 %5&#x3000;·&#x3000;未开具草稿 %6 张，已冲正 %7 张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算状态-%1.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 账期，%2 个客户。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 1-30 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 31-60 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 61-90 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 90 天以上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回款率</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
