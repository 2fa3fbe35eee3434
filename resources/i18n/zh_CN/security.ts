<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>全部用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索摘要、对象ID或用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>校验审计链</source>
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
        <source>选择一行查看变更详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在校验审计链…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 审计链完好：已校验 %1 行，没有发现改动或删除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ 审计链在 ID %1 处断开：%2。请立即通知系统管理员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出审计日志…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 条记录到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataUseScreen</name>
    <message>
        <source>全部用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验访问记录链</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阈值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查异常访问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要求该用户重新输入密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常访问提醒（近 %1 天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 位用户，%2 次操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据使用审计-%1-%2.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出数据使用审计报告</source>
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
    <message>
        <source>正在校验访问记录链…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 访问记录链完好：已校验 %1 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ 访问记录链在 ID %1 处断开：%2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查完成：新提醒 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录时间 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平时每小时 %1 次（中位数）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常访问提醒 #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户 %1 下次查看或导出前需要重新输入密码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportApprovalsScreen</name>
    <message>
        <source>申请号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请导出（超过本角色阈值时需要另一位同事批准）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多行数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色导出规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不限行数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出脱敏字段也需审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行需审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出申请</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我的导出申请</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请 #%1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这次导出不需要审批，可以直接导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请 #%1 已批准，可以导出一次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已提交申请 #%1，等待审批。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存角色 %1 的导出规则</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldPermissionsScreen</name>
    <message>
        <source>字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>隐藏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>隐藏的字段在该角色的客户列表、详情、导出和命令行中都不出现；只读的字段可以看到但不能修改。“金额与价格”同时隐藏单层定价和多层定价。公司id 和公司名称始终可见；管理员不受限制。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将选中的字段设为：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择一个字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色 %1 的字段 %2：%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordAgainDialog</name>
    <message>
        <source>请重新输入密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
请输入 %2 的密码以继续。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionMatrix</name>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理字典</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经营看板与画像</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理共享分群</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看完整电话邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置催款级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理自动化规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运行定时任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看数据使用记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理字段权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理数据库密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按模块</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2（%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特殊权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅限自己客户的角色不能拥有管理类权限（用户、角色、设置、审计、字典）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolesScreen</name>
    <message>
        <source>新建角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 finance_viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 财务只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃更改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新加载</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前角色有未保存的更改，要放弃吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择左侧的角色查看或编辑其权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自定义角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置角色不能改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置角色的客户范围不能修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个用户使用此角色 · 数据库组 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称只用小写字母、数字和下划线；显示名称可用中文。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置角色不能删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写角色名和显示名称。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存角色“%1”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 %1 个用户使用角色“%2”，请先为他们改用其他角色，再删除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除角色“%1”？此操作会记入审计日志。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>印在每张账单（PDF）上，留空的项不打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>桌面客户端在这么多分钟没有键盘或鼠标操作后锁定，须重新输入密码。对所有用户生效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复默认值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每项更改都会记入审计日志。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择上方的一项设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多 %1 字，可留空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>范围 %1 – %2，默认 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您只能查看设置；修改需要“管理设置”权限。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：%1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此设置在您打开后已被他人修改，已重新加载最新值。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>security</name>
    <message>
        <source>全部客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅自己负责的客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示完整信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运行报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按审批导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账龄分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据使用报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多次登录失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>突发大量访问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非工作时间登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>看板数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单生成预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分群成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格沙盘</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>隐藏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量订单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存的筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人映射</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户表导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户批量修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自定义</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色名“%1”已被使用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色名须为 2 到 40 个小写字母、数字或下划线，并以字母开头。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称须为 1 到 80 个字符。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此角色在您打开后已被他人修改。请点“重新加载”查看最新内容，再重新编辑。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多 %1 字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>允许范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>键</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多 %1 个字符。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入 %1 到 %2 之间的整数。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出需要审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出申请</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
