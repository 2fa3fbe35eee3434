<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>BillRunScreen</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>生成草稿账单…</source>
        <translation>Generate draft bills…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>选择账期后点“预览”：先计算每位客户的用量、价格方案和金额，不写入任何数据。</source>
        <translation>Choose a period and click Preview: each customer's usage, price plan and amount are computed first; nothing is written.</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>账单明细</source>
        <translation>Bill lines</translation>
    </message>
    <message>
        <source>账期已改为 %1，请重新预览。</source>
        <translation>The period is now %1; preview again.</translation>
    </message>
    <message>
        <source>正在预览 %1…</source>
        <translation>Previewing %1…</translation>
    </message>
    <message>
        <source>已</source>
        <translation>generated</translation>
    </message>
    <message>
        <source>将</source>
        <translation>would generate</translation>
    </message>
    <message>
        <source>%1：%2 位客户；%3生成 %4 张草稿账单，合计 %5 元（新建 %6，替换 %7，未变 %8，删除 %9）</source>
        <translation>%1: %2 customers; %3 %4 draft bills, total %5 (%6 new, %7 replaced, %8 unchanged, %9 removed)</translation>
    </message>
    <message>
        <source>；已开具保留 %1；异常 %2 项。</source>
        <translation>; %1 issued kept; %2 exceptions.</translation>
    </message>
    <message>
        <source>全部客户</source>
        <translation>All customers</translation>
    </message>
    <message>
        <source>有异常</source>
        <translation>With exceptions</translation>
    </message>
    <message>
        <source>异常（%1）</source>
        <translation>Exceptions (%1)</translation>
    </message>
    <message>
        <source>账单明细（%1）</source>
        <translation>Bill lines (%1)</translation>
    </message>
    <message>
        <source>将为 %1 生成 %2 张草稿账单，合计 %3 元。已开具的账单不会改动。</source>
        <translation>This will generate %2 draft bills for %1, total %3. Issued bills are not changed.</translation>
    </message>
    <message>
        <source>注意：有 %1 项错误（如无价格方案），这些用量不会出账。</source>
        <translation>Note: %1 errors (such as no price plan); that usage will not be billed.</translation>
    </message>
    <message>
        <source>本月尚未结束，确认现在就生成草稿账单？月末后可重新生成，草稿会被替换。</source>
        <translation>The month is not over yet. Generate the draft bills now? You can run it again after the month ends; the drafts will be replaced.</translation>
    </message>
    <message>
        <source>生成草稿账单</source>
        <translation>Generate draft bills</translation>
    </message>
    <message>
        <source>继续吗？</source>
        <translation>Continue?</translation>
    </message>
    <message>
        <source>正在生成 %1 的草稿账单…</source>
        <translation>Generating the draft bills for %1…</translation>
    </message>
    <message>
        <source>已生成 %1 的草稿账单：新建 %2，替换 %3，未变 %4，删除 %5；合计 %6 元（运行编号 #%7）。</source>
        <translation>Draft bills for %1 generated: %2 new, %3 replaced, %4 unchanged, %5 removed; total %6 (run #%7).</translation>
    </message>
    <message>
        <source>已取消，未写入任何账单。</source>
        <translation>Cancelled; no bill was written.</translation>
    </message>
    <message>
        <source>该账期的账单正在由其他人生成，本次未写入任何账单。</source>
        <translation>Someone else is generating this period's bills; no bill was written.</translation>
    </message>
    <message>
        <source>无法完成：%1</source>
        <translation>Could not finish: %1</translation>
    </message>
    <message>
        <source>账单生成预览-%1.xlsx</source>
        <translation>bill-run-preview-%1.xlsx</translation>
    </message>
    <message>
        <source>导出预览</source>
        <translation>Export preview</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
</context>
<context>
    <name>billing</name>
    <message>
        <source>无价格方案</source>
        <translation>No price plan</translation>
    </message>
    <message>
        <source>该系列无价格</source>
        <translation>No price for series</translation>
    </message>
    <message>
        <source>方案缺少价格</source>
        <translation>Plan lacks a price</translation>
    </message>
    <message>
        <source>缺少面积</source>
        <translation>Missing area</translation>
    </message>
    <message>
        <source>方案重叠</source>
        <translation>Plans overlap</translation>
    </message>
    <message>
        <source>用量激增</source>
        <translation>Usage spike</translation>
    </message>
    <message>
        <source>账户已停用</source>
        <translation>Account disabled</translation>
    </message>
    <message>
        <source>不结算</source>
        <translation>Not billed</translation>
    </message>
    <message>
        <source>结算待确认</source>
        <translation>Billing unconfirmed</translation>
    </message>
    <message>
        <source>本期无用量</source>
        <translation>No usage</translation>
    </message>
    <message>
        <source>账单已开具</source>
        <translation>Bill issued</translation>
    </message>
    <message>
        <source>重开已冲正账单</source>
        <translation>Replaces credited bill</translation>
    </message>
    <message>
        <source>金额超限</source>
        <translation>Amount too large</translation>
    </message>
    <message>
        <source>新建草稿</source>
        <translation>New draft</translation>
    </message>
    <message>
        <source>替换草稿</source>
        <translation>Replace draft</translation>
    </message>
    <message>
        <source>草稿未变</source>
        <translation>Draft unchanged</translation>
    </message>
    <message>
        <source>保留已开具</source>
        <translation>Keep issued</translation>
    </message>
    <message>
        <source>不出账</source>
        <translation>Not billed</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>Remove draft</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>本月拍摄</source>
        <translation>Shoots</translation>
    </message>
    <message>
        <source>上月拍摄</source>
        <translation>Prev. month</translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation>Price plan</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>计算</source>
        <translation>Calculation</translation>
    </message>
</context>
</TS>
