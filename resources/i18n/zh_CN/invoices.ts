<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>InvoiceActions</name>
    <message>
        <source>请先在“账期”中选择要开具的账期。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具本账期草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具所选的 %1 张草稿账单（合计 ¥%2）？开具后生成账单号，内容不可再改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在开具账单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将为账单 %1（%2，¥%3）开具冲正单，原账单状态变为“已冲正”。已核销的收款须先取消核销。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已冲正 %1，冲正单 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已为 %1 张账单登记发票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除所选 %1 张账单登记的发票（%2）。仅用于登记有误的情况，原因将记入审计日志。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除发票登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已清除 %1 张账单的发票登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存账单 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出账单列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出账单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 张账单到 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 没有草稿账单可开具。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具 %1 的全部 %2 张草稿账单（合计 ¥%3）？金额为 0 的草稿将保留为草稿。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceDetailDialog</name>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法加载账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销记录（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正（%1）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceFilterBar</name>
    <message>
        <source>全部账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部付款状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未付款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部分付款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已付清</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开具未开票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部销售</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id 或客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Invoices</name>
    <message>
        <source>已开具 %1 张账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；%1 张金额为 0 的草稿未开具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计算方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款参考号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款方</source>
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
        <source>冲正单号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单号</source>
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
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具日期</source>
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
        <source>发票状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联账单</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoicesScreen</name>
    <message>
        <source>开具所选草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具本账期全部草稿…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记发票…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除发票…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
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
        <source>共 %1 张账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额合计 %1&#x3000;未收合计 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaxInvoiceDialog</name>
    <message>
        <source>登记发票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为所选的 %1 张账单登记已开具的发票：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票上的发票号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写发票号码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
