<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>InvoiceActions</name>
    <message>
        <source>请先在“账期”中选择要开具的账期。</source>
        <translation>First choose the period to issue under Period.</translation>
    </message>
    <message>
        <source>开具本账期草稿</source>
        <translation>Issue the period's drafts</translation>
    </message>
    <message>
        <source>开具所选的 %1 张草稿账单（合计 ¥%2）？开具后生成账单号，内容不可再改。</source>
        <translation>Issue the %1 selected draft bills (total ¥%2)? Issuing gives them numbers; their content can no longer change.</translation>
    </message>
    <message>
        <source>开具账单</source>
        <translation>Issue bills</translation>
    </message>
    <message>
        <source>正在开具账单…</source>
        <translation>Issuing bills…</translation>
    </message>
    <message>
        <source>将为账单 %1（%2，¥%3）开具冲正单，原账单状态变为“已冲正”。已核销的收款须先取消核销。</source>
        <translation>A credit note will be made for bill %1 (%2, ¥%3), and the bill becomes Credited. Allocated receipts must be un-allocated first.</translation>
    </message>
    <message>
        <source>冲正原因</source>
        <translation>Reason for the credit note</translation>
    </message>
    <message>
        <source>冲正账单</source>
        <translation>Credit note</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>已冲正 %1，冲正单 %2</source>
        <translation>%1 credited by credit note %2</translation>
    </message>
    <message>
        <source>已为 %1 张账单登记发票</source>
        <translation>Tax invoice recorded on %1 bills</translation>
    </message>
    <message>
        <source>清除所选 %1 张账单登记的发票（%2）。仅用于登记有误的情况，原因将记入审计日志。</source>
        <translation>Clear the tax invoice (%2) recorded on the %1 selected bills. Only for entries made by mistake; the reason goes to the audit trail.</translation>
    </message>
    <message>
        <source>清除发票登记</source>
        <translation>Clear tax invoice</translation>
    </message>
    <message>
        <source>清除原因</source>
        <translation>Reason for clearing</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>已清除 %1 张账单的发票登记</source>
        <translation>Tax invoice cleared on %1 bills</translation>
    </message>
    <message>
        <source>保存账单 PDF</source>
        <translation>Save bill PDF</translation>
    </message>
    <message>
        <source>导出账单列表</source>
        <translation>Export bill list</translation>
    </message>
    <message>
        <source>正在导出账单…</source>
        <translation>Exporting bills…</translation>
    </message>
    <message>
        <source>已导出 %1 张账单到 %2</source>
        <translation>Exported %1 bills to %2</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>%1 没有草稿账单可开具。</source>
        <translation>%1 has no draft bills to issue.</translation>
    </message>
    <message>
        <source>开具 %1 的全部 %2 张草稿账单（合计 ¥%3）？金额为 0 的草稿将保留为草稿。</source>
        <translation>Issue all %2 draft bills of %1 (total ¥%3)? Drafts of 0.00 stay drafts.</translation>
    </message>
    <message>
        <source>已保存 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>InvoiceDetailDialog</name>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>已核销</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>付款状态</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>开具日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>发票状态</source>
        <translation>Tax invoice</translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation>Tax invoice date</translation>
    </message>
    <message>
        <source>无法加载账单</source>
        <translation>Could not load the bill</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>账单详情</source>
        <translation>Bill</translation>
    </message>
    <message>
        <source>付款期限</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>开具人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Tax invoice no.</translation>
    </message>
    <message>
        <source>明细</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>核销记录</source>
        <translation>Allocations</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>核销记录（%1）</source>
        <translation>Allocations (%1)</translation>
    </message>
    <message>
        <source>冲正（%1）</source>
        <translation>Credit notes (%1)</translation>
    </message>
</context>
<context>
    <name>InvoiceFilterBar</name>
    <message>
        <source>全部账期</source>
        <translation>All periods</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
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
        <source>全部付款状态</source>
        <translation>All payments</translation>
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
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>已开具未开票</source>
        <translation>Issued, no tax invoice</translation>
    </message>
    <message>
        <source>已开票</source>
        <translation>Tax invoice issued</translation>
    </message>
    <message>
        <source>全部销售</source>
        <translation>All sales</translation>
    </message>
    <message>
        <source>公司id 或客户名称</source>
        <translation>Company ID or customer name</translation>
    </message>
    <message>
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>发票</source>
        <translation>Tax invoice</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
</context>
<context>
    <name>Invoices</name>
    <message>
        <source>已开具 %1 张账单</source>
        <translation>%1 bills issued</translation>
    </message>
    <message>
        <source>；%1 张金额为 0 的草稿未开具</source>
        <translation>; %1 drafts of 0.00 not issued</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>计算方式</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation>Receipt date</translation>
    </message>
    <message>
        <source>收款参考号</source>
        <translation>Receipt reference</translation>
    </message>
    <message>
        <source>付款方</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>核销金额</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <source>核销日期</source>
        <translation>Allocation date</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>冲正单号</source>
        <translation>Credit note no.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>账单号</source>
        <translation>Bill no.</translation>
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
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>已核销</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>付款状态</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>开具日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>发票状态</source>
        <translation>Tax invoice</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Tax invoice no.</translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation>Tax invoice date</translation>
    </message>
    <message>
        <source>关联账单</source>
        <translation>Linked bill</translation>
    </message>
</context>
<context>
    <name>InvoicesScreen</name>
    <message>
        <source>开具所选草稿</source>
        <translation>Issue selected drafts</translation>
    </message>
    <message>
        <source>开具本账期全部草稿…</source>
        <translation>Issue all drafts of the period…</translation>
    </message>
    <message>
        <source>冲正…</source>
        <translation>Credit…</translation>
    </message>
    <message>
        <source>登记发票…</source>
        <translation>Record tax invoice…</translation>
    </message>
    <message>
        <source>清除发票…</source>
        <translation>Clear tax invoice…</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 张账单</source>
        <translation>%1 bills</translation>
    </message>
    <message>
        <source>金额合计 %1　未收合计 %2</source>
        <translation>Total %1   Outstanding %2</translation>
    </message>
</context>
<context>
    <name>TaxInvoiceDialog</name>
    <message>
        <source>登记发票</source>
        <translation>Record tax invoice</translation>
    </message>
    <message>
        <source>为所选的 %1 张账单登记已开具的发票：%2</source>
        <translation>Record the tax invoice issued for the %1 selected bills: %2</translation>
    </message>
    <message>
        <source>发票上的发票号码</source>
        <translation>The number on the tax invoice</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Tax invoice no.</translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation>Tax invoice date</translation>
    </message>
    <message>
        <source>请填写发票号码。</source>
        <translation>Enter the tax invoice number.</translation>
    </message>
</context>
</TS>
