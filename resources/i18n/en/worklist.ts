<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>DunningLevelsDialog</name>
    <message>
        <source>催款级别</source>
        <translation>Dunning levels</translation>
    </message>
    <message>
        <source>天数相对账单到期日：-3 为到期前 3 天，15 为逾期 15 天。已逾期多个级别的账单只按最高级别催一次。</source>
        <translation>Days are counted from the bill's due date: -3 is three days before it, 15 is 15 days overdue. A bill past several levels is dunned once, at the highest.</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>跟进（销售负责人）</source>
        <translation>Follow-up (sales owner)</translation>
    </message>
    <message>
        <source>催款函</source>
        <translation>Reminder letter</translation>
    </message>
    <message>
        <source>添加级别</source>
        <translation>Add level</translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation>(delete)</translation>
    </message>
</context>
<context>
    <name>DunningScreen</name>
    <message>
        <source>执行催款</source>
        <translation>Run dunning</translation>
    </message>
    <message>
        <source>为到达级别的账单各建一条跟进（同一账单同一级别只催一次）</source>
        <translation>Creates one follow-up per bill that reached a level (a bill is dunned once per level)</translation>
    </message>
    <message>
        <source>暂停催款…</source>
        <translation>Hold…</translation>
    </message>
    <message>
        <source>恢复催款…</source>
        <translation>Release…</translation>
    </message>
    <message>
        <source>催款函 PDF…</source>
        <translation>Reminder letter PDF…</translation>
    </message>
    <message>
        <source>催款级别…</source>
        <translation>Levels…</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>未结清账单 %1 张，其中逾期 %2 张、暂停催款 %3 张。</source>
        <translation>%1 open bills: %2 overdue, %3 on hold.</translation>
    </message>
    <message>
        <source>催款完成：新建 %1 条，已催过 %2 条，暂停中 %3 条。</source>
        <translation>Dunning done: %1 created, %2 already dunned, %3 on hold.</translation>
    </message>
    <message>
        <source>暂停催款</source>
        <translation>Hold dunning</translation>
    </message>
    <message>
        <source>账单 %1 暂停催款的原因（如客户有异议）</source>
        <translation>Why bill %1 is put on hold (for example, a dispute)</translation>
    </message>
    <message>
        <source>恢复催款</source>
        <translation>Release hold</translation>
    </message>
    <message>
        <source>账单 %1 恢复催款的说明</source>
        <translation>Why bill %1 goes back into dunning</translation>
    </message>
    <message>
        <source>保存催款函</source>
        <translation>Save reminder letter</translation>
    </message>
    <message>
        <source>催款函-%1.pdf</source>
        <translation>reminder-%1.pdf</translation>
    </message>
    <message>
        <source>催款函已保存：%1</source>
        <translation>Reminder letter saved: %1</translation>
    </message>
</context>
<context>
    <name>RulesScreen</name>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>立即运行到期规则</source>
        <translation>Run due rules now</translation>
    </message>
    <message>
        <source>内置规则默认停用。定时运行：opcms jobs run-due（Windows 任务计划程序或 cron），应用打开时也会每 5 分钟运行一次。</source>
        <translation>Built-in rules start disabled. Scheduled runs: opcms jobs run-due (Windows Task Scheduler or cron); while the app is open it also runs every 5 minutes.</translation>
    </message>
    <message>
        <source>执行记录</source>
        <translation>Execution log</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>运行了 %1 条规则，执行 %2 个动作，跳过 %3 个，失败 %4 个。</source>
        <translation>%1 rules ran: %2 actions, %3 skipped, %4 failed.</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>新建工单</source>
        <translation>New work order</translation>
    </message>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>请填写公司id。</source>
        <translation>Enter the company ID.</translation>
    </message>
    <message>
        <source>没有您可查看的公司id %1。</source>
        <translation>There is no company ID %1 that you can see.</translation>
    </message>
</context>
<context>
    <name>TicketsScreen</name>
    <message>
        <source>开始处理</source>
        <translation>Start work</translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation>Waiting for customer</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>未结工单</source>
        <translation>Open work orders</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>只看超时</source>
        <translation>Breached only</translation>
    </message>
    <message>
        <source>新建工单…</source>
        <translation>New work order…</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>共 %1 张工单，其中 %2 张超时（已着色）。</source>
        <translation>%1 work orders, %2 breached (tinted).</translation>
    </message>
    <message>
        <source>工单备注</source>
        <translation>Work order note</translation>
    </message>
    <message>
        <source>工单 #%1 的备注</source>
        <translation>Note on work order #%1</translation>
    </message>
</context>
<context>
    <name>worklist</name>
    <message>
        <source>到期前 %1 天</source>
        <translation>%1 days before due</translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation>%1 days overdue</translation>
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
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>未付余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>已催级别</source>
        <translation>Last level</translation>
    </message>
    <message>
        <source>暂停原因</source>
        <translation>Hold reason</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已启用</source>
        <translation>enabled</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>何时</source>
        <translation>When</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>动作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>上次运行</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>响应超时</source>
        <translation>response late</translation>
    </message>
    <message>
        <source>解决超时</source>
        <translation>resolution late</translation>
    </message>
    <message>
        <source>暂停计时</source>
        <translation>clock paused</translation>
    </message>
    <message>
        <source>工单号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>响应截止</source>
        <translation>Respond by</translation>
    </message>
    <message>
        <source>解决截止</source>
        <translation>Resolve by</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>账单咨询</source>
        <translation>Billing question</translation>
    </message>
    <message>
        <source>续约</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>技术问题</source>
        <translation>Technical</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation>Waiting for customer</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>建跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>建工单</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>加标签</source>
        <translation>Set tag</translation>
    </message>
    <message>
        <source>去标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <source>改合作状态</source>
        <translation>Set status</translation>
    </message>
    <message>
        <source>通知负责人</source>
        <translation>Notify owner</translation>
    </message>
    <message>
        <source>出账预览</source>
        <translation>Bill-run preview</translation>
    </message>
    <message>
        <source>生成账单草稿</source>
        <translation>Draft bills</translation>
    </message>
    <message>
        <source>执行催款</source>
        <translation>Run dunning</translation>
    </message>
    <message>
        <source>导入用量</source>
        <translation>usage imported</translation>
    </message>
    <message>
        <source>账单开具</source>
        <translation>bill issued</translation>
    </message>
    <message>
        <source>账单逾期</source>
        <translation>bill overdue</translation>
    </message>
    <message>
        <source>登记收款</source>
        <translation>receipt recorded</translation>
    </message>
    <message>
        <source>客户资料变更</source>
        <translation>customer changed</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>done</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>事件：%1</source>
        <translation>Event: %1</translation>
    </message>
    <message>
        <source>每天 %1</source>
        <translation>Daily %1</translation>
    </message>
    <message>
        <source>每月 %1 日 %2</source>
        <translation>Monthly on day %1, %2</translation>
    </message>
</context>
</TS>
