<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BillRunScreen</name>
    <message>
        <source>预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成草稿账单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择账期后点“预览”：先计算每位客户的用量、价格方案和金额，不写入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期已改为 %1，请重新预览。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在预览 %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2 位客户；%3生成 %4 张草稿账单，合计 %5 元（新建 %6，替换 %7，未变 %8，删除 %9）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；已开具保留 %1；异常 %2 项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有异常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单明细（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将为 %1 生成 %2 张草稿账单，合计 %3 元。已开具的账单不会改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>注意：有 %1 项错误（如无价格方案），这些用量不会出账。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成草稿账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成 %1 的草稿账单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成 %1 的草稿账单：新建 %2，替换 %3，未变 %4，删除 %5；合计 %6 元（运行编号 #%7）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消，未写入任何账单。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该账期的账单正在由其他人生成，本次未写入任何账单。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法完成：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
