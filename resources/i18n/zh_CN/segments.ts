<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>ConditionEditor</name>
    <message>
        <source>字段 / 条件组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加条件组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxScreen</name>
    <message>
        <source> 个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格或阶梯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单价、每平方米价格或年费；阶梯写作 0-1000:10; 1000+:8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按最近几个完整月份的实际用量，用与月结账单相同的计价规则计算；不保存任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部可见客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在计算沙盒…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2：现行 %3 元，新方案 %4 元，差额 %5 元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 %1 次拍摄现在没有价格方案，未计入金额。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出沙盒结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算沙盒.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveSegmentDialog</name>
    <message>
        <source>保存分群</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>动态（打开时重新计算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>静态（冻结今天的成员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共享给所有人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentBuilderScreen</name>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存的分群</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存分群…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拍快照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出成员…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成员示例（按公司id，前 20 个）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>静态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>动态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，共享</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近快照 %1，%2 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>匹配 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条件未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存分群 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已拍快照：%1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出分群成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagRuleDialog</name>
    <message>
        <source>标签规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打上标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>满足以下条件的客户：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagsScreen</name>
    <message>
        <source>新建标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建规则…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑规则…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即按规则刷新标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则标签由定时任务（opcms jobs run-due，应用打开时每 5 分钟一次）刷新，也可以点“立即按规则刷新标签”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已创建标签 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把 %1 合并到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已合并</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先新建标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则已删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已按 %1 条规则刷新：新增 %2，移除 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>segments</name>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是否结算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账号类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户消费等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是否停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接入时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月均拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期(天)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近30天拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近90天拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近3个月拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近12个月开票额</source>
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
        <source>距上次用量天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不等于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>属于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不属于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包含</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不包含</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开头是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不少于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不超过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>介于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不为空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在最近</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不在最近</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部满足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任一满足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>都不满足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多个值用逗号分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下限, 上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 30d（天）或 3m（月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定价结算（每套）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯累进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯全量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按面积（元/m²）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包年套餐（年费）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现行方案金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新方案金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>差额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未计价拍摄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
