<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AllocationPanel</name>
    <message>
        <source>在上方选择一笔收款，即可在此核销到该客户的账单。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按建议填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消核销…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户预收余额 %1&#x3000;·&#x3000;未收账单 %2 张，共 %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单 %1 本次核销 %2，超过其未收金额 %3。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已核销 %1 到 %2 张账单。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消收款对账单 %1 的核销 %2；金额回到这笔收款的未核销金额，记录保留。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款 %1 · %2（%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 参考号 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额 %1&#x3000;已核销 %2&#x3000;&lt;b&gt;未核销 %3&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，其中逾期 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次核销 %1 / 可用 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择一笔收款。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在“本次核销”列填写要核销的金额。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次核销合计 %1，超过这笔收款的未核销金额 %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消核销 %1。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>输入公司id、客户名称或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&#x3000;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个匹配，只列出前 %2 个；请输入更多字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有匹配的客户。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptEntryDialog</name>
    <message>
        <source>登记收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 12,500.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>银行流水号等</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已选客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参考号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先搜索并选择客户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写金额。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptImportDialog</name>
    <message>
        <source>导入银行流水</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择银行导出的收款表（.xlsx / .xls / .ods）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件后，系统会先逐行匹配客户，确认后才会登记收款。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指定客户…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入勾选的收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择收款表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.xls *.ods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取并匹配…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 行：按公司id %2，按名称 %3，相似名称 %4（请确认），未匹配 %5，重复 %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1，无法读取 %2 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为第 %1 行指定客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入勾选的 %1 笔收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入收款…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入 %1 笔收款；未导入 %2 笔，重复 %3 笔。文件：%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptsScreen</name>
    <message>
        <source>公司id 或客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅有未核销金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记收款…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入银行流水…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把列表中当前筛选出的收款导出为 Excel 工作簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 笔收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款合计 %1&#x3000;未核销合计 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记收款 %1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出收款列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 笔收款到 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出收款…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>金额相符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最早到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>建议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参考号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>匹配方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手工指定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称相似，请确认后勾选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款日期</source>
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
        <source>已核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
