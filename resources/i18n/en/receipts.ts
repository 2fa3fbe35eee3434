<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AllocationPanel</name>
    <message>
        <source>在上方选择一笔收款，即可在此核销到该客户的账单。</source>
        <translation>Select a receipt above to allocate it to the customer&apos;s bills here.</translation>
    </message>
    <message>
        <source>按建议填写</source>
        <translation>Fill in suggestions</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>核销</source>
        <translation>Allocate</translation>
    </message>
    <message>
        <source>取消核销…</source>
        <translation>Undo allocation…</translation>
    </message>
    <message>
        <source>未收账单</source>
        <translation>Unpaid bills</translation>
    </message>
    <message>
        <source>客户预收余额 %1&#x3000;·&#x3000;未收账单 %2 张，共 %3%4</source>
        <translation>Customer credit balance %1 · %2 unpaid bills, %3 in total%4</translation>
    </message>
    <message>
        <source>账单 %1 本次核销 %2，超过其未收金额 %3。</source>
        <translation>Allocating %2 to bill %1 exceeds its outstanding amount %3.</translation>
    </message>
    <message>
        <source>已核销 %1 到 %2 张账单。</source>
        <translation>Allocated %1 to %2 bills.</translation>
    </message>
    <message>
        <source>取消收款对账单 %1 的核销 %2；金额回到这笔收款的未核销金额，记录保留。</source>
        <translation>Undo the allocation of %2 to bill %1: the amount returns to this receipt&apos;s unallocated amount; the record is kept.</translation>
    </message>
    <message>
        <source>核销记录</source>
        <translation>Allocations</translation>
    </message>
    <message>
        <source>收款 %1 · %2（%3）</source>
        <translation>Receipt %1 · %2 (%3)</translation>
    </message>
    <message>
        <source>%1 · 参考号 %2</source>
        <translation>%1 · reference %2</translation>
    </message>
    <message>
        <source>金额 %1&#x3000;已核销 %2&#x3000;&lt;b&gt;未核销 %3&lt;/b&gt;</source>
        <translation>Amount %1   Allocated %2   &lt;b&gt;Unallocated %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>，其中逾期 %1</source>
        <translation>, of which %1 overdue</translation>
    </message>
    <message>
        <source>本次核销 %1 / 可用 %2</source>
        <translation>Allocating %1 of %2 available</translation>
    </message>
    <message>
        <source>请先选择一笔收款。</source>
        <translation>Select a receipt first.</translation>
    </message>
    <message>
        <source>请在“本次核销”列填写要核销的金额。</source>
        <translation>Enter the amounts to allocate in the &quot;Allocate now&quot; column.</translation>
    </message>
    <message>
        <source>本次核销合计 %1，超过这笔收款的未核销金额 %2。</source>
        <translation>The allocations total %1, more than this receipt&apos;s unallocated amount %2.</translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation>Undo allocation</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>已取消核销 %1。</source>
        <translation>Allocation %1 undone.</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>输入公司id、客户名称或拼音首字母</source>
        <translation>Company ID, customer name or pinyin initials</translation>
    </message>
    <message>
        <source>%1&#x3000;%2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>共 %1 个匹配，只列出前 %2 个；请输入更多字。</source>
        <translation>%1 matches; only the first %2 are listed. Type more.</translation>
    </message>
    <message>
        <source>没有匹配的客户。</source>
        <translation>No matching customer.</translation>
    </message>
</context>
<context>
    <name>ReceiptEntryDialog</name>
    <message>
        <source>登记收款</source>
        <translation>Record receipt</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none selected)</translation>
    </message>
    <message>
        <source>例如 12,500.00</source>
        <translation>e.g. 12,500.00</translation>
    </message>
    <message>
        <source>银行流水号等</source>
        <translation>Bank transaction no., etc.</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>已选客户</source>
        <translation>Selected customer</translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation>Receipt date</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>付款方</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>请先搜索并选择客户。</source>
        <translation>Search for and select a customer first.</translation>
    </message>
    <message>
        <source>请填写金额。</source>
        <translation>Enter the amount.</translation>
    </message>
</context>
<context>
    <name>ReceiptImportDialog</name>
    <message>
        <source>导入银行流水</source>
        <translation>Import bank statement</translation>
    </message>
    <message>
        <source>选择银行导出的收款表（.xlsx / .xls / .ods）</source>
        <translation>Choose the receipts sheet exported from the bank (.xlsx / .xls / .ods)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择文件后，系统会先逐行匹配客户，确认后才会登记收款。</source>
        <translation>After you choose a file, each row is matched to a customer; receipts are recorded only after you confirm.</translation>
    </message>
    <message>
        <source>指定客户…</source>
        <translation>Choose customer…</translation>
    </message>
    <message>
        <source>导入勾选的收款</source>
        <translation>Import ticked receipts</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>收款方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>选择收款表</source>
        <translation>Choose receipts sheet</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.xls *.ods)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>正在读取并匹配…</source>
        <translation>Reading and matching…</translation>
    </message>
    <message>
        <source>共 %1 行：按公司id %2，按名称 %3，相似名称 %4（请确认），未匹配 %5，重复 %6</source>
        <translation>%1 rows: by company ID %2, by name %3, similar name %4 (confirm), unmatched %5, duplicates %6</translation>
    </message>
    <message>
        <source>%1，无法读取 %2 行</source>
        <translation>%1; %2 rows unreadable</translation>
    </message>
    <message>
        <source>%1。</source>
        <translation>%1.</translation>
    </message>
    <message>
        <source>为第 %1 行指定客户</source>
        <translation>Choose the customer for row %1</translation>
    </message>
    <message>
        <source>导入勾选的 %1 笔收款</source>
        <translation>Import %1 ticked receipts</translation>
    </message>
    <message>
        <source>正在导入收款…</source>
        <translation>Importing receipts…</translation>
    </message>
    <message>
        <source>已导入 %1 笔收款；未导入 %2 笔，重复 %3 笔。文件：%4</source>
        <translation>Imported %1 receipts; %2 not imported, %3 duplicates. File: %4</translation>
    </message>
</context>
<context>
    <name>ReceiptsScreen</name>
    <message>
        <source>公司id 或客户名称</source>
        <translation>Company ID or customer name</translation>
    </message>
    <message>
        <source>仅有未核销金额</source>
        <translation>Unallocated only</translation>
    </message>
    <message>
        <source>登记收款…</source>
        <translation>Record receipt…</translation>
    </message>
    <message>
        <source>导入银行流水…</source>
        <translation>Import bank statement…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>把列表中当前筛选出的收款导出为 Excel 工作簿</source>
        <translation>Export the receipts the list shows (with its filters) to an Excel workbook</translation>
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
        <source>共 %1 笔收款</source>
        <translation>%1 receipts</translation>
    </message>
    <message>
        <source>收款合计 %1&#x3000;未核销合计 %2</source>
        <translation>Total %1   Unallocated %2</translation>
    </message>
    <message>
        <source>已登记收款 %1（%2）</source>
        <translation>Recorded receipt %1 (%2)</translation>
    </message>
    <message>
        <source>导出收款列表</source>
        <translation>Export receipts</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 笔收款到 %2</source>
        <translation>Exported %1 receipts to %2</translation>
    </message>
    <message>
        <source>正在导出收款…</source>
        <translation>Exporting receipts…</translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>金额相符</source>
        <translation>Exact amount</translation>
    </message>
    <message>
        <source>最早到期</source>
        <translation>Oldest due</translation>
    </message>
    <message>
        <source>账单号</source>
        <translation>Bill no.</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
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
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>本次核销</source>
        <translation>Allocate now</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>核销金额</source>
        <translation>Allocated amount</translation>
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
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>付款方</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>匹配方式</source>
        <translation>Matched by</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>手工指定</source>
        <translation>Chosen by hand</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>名称相似，请确认后勾选</source>
        <translation>Similar name: confirm, then tick</translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation>Receipt date</translation>
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
        <source>已核销</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <source>未核销</source>
        <translation>Unallocated</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
</context>
</TS>
