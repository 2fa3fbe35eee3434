<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>DunningLevelsDialog</name>
    <message>
        <source>催款级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天数相对账单到期日：-3 为到期前 3 天，15 为逾期 15 天。已逾期多个级别的账单只按最高级别催一次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进（销售负责人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款函</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DunningScreen</name>
    <message>
        <source>执行催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为到达级别的账单各建一条跟进（同一账单同一级别只催一次）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停催款…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复催款…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款函 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款级别…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未结清账单 %1 张，其中逾期 %2 张、暂停催款 %3 张。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款完成：新建 %1 条，已催过 %2 条，暂停中 %3 条。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单 %1 暂停催款的原因（如客户有异议）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单 %1 恢复催款的说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存催款函</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款函-%1.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款函已保存：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesScreen</name>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即运行到期规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置规则默认停用。定时运行：opcms jobs run-due（Windows 任务计划程序或 cron），应用打开时也会每 5 分钟运行一次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运行了 %1 条规则，执行 %2 个动作，跳过 %3 个，失败 %4 个。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>新建工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>优先级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写公司id。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有您可查看的公司id %1。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketsScreen</name>
    <message>
        <source>开始处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未结工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建工单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 张工单，其中 %2 张超时（已着色）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工单备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工单 #%1 的备注</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>worklist</name>
    <message>
        <source>到期前 %1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
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
        <source>到期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未付余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已催级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>何时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>动作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次运行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>响应超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解决超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停计时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工单号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>优先级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>响应截止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解决截止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>投诉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>续约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>技术问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>低</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>普通</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>高</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>紧急</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>建跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>建工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通知负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出账预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成账单草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单开具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户资料变更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跳过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每天 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月 %1 日 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
