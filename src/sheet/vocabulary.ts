// The column names planners use in a MSEL, in English and Chinese, and the names of the
// side tables (groups, objectives) and the key/value rows (title, scenario) drillbook
// writes on export. Names are compared normalised: case, spaces and punctuation ignored.
// Vocabulary drawn from HSEEP MSELs and the HSEEP MSEL template, the "Standard MSEL" and
// MITRE playbook column sets, the column names the Cadence and OpenAEV importers accept,
// real exercise workbooks, and Chinese drill scripts (演练脚本).

export type MselField =
  | "id"
  | "time"
  | "day"
  | "datetime"
  | "phase"
  | "title"
  | "message"
  | "from"
  | "to"
  | "action"
  | "action-by"
  | "within"
  | "after"
  | "objective"
  | "critical"
  | "condition"
  | "expectation-id"
  | "notes"
  | "status";

export const MSEL_FIELDS: readonly MselField[] = [
  "id",
  "time",
  "day",
  "datetime",
  "phase",
  "title",
  "message",
  "from",
  "to",
  "action",
  "action-by",
  "within",
  "after",
  "objective",
  "critical",
  "condition",
  "expectation-id",
  "notes",
  "status",
];

/** How hh:mm values in a time column are read: offsets from T+0, or clock times of day. */
export type TimeReading = "offset" | "clock";

export interface Synonyms {
  names: string[];
  /** Set when the name itself says how to read its times. */
  reading?: TimeReading;
}

export const MSEL_SYNONYMS: Record<MselField, Synonyms[]> = {
  id: [
    {
      names: [
        "eventnumber",
        "eventno",
        "eventid",
        "event#",
        "injectnumber",
        "injectno",
        "injectnum",
        "injectid",
        "inject#",
        "inj#",
        "injno",
        "mselnumber",
        "mselno",
        "mselid",
        "msel#",
        "msel",
        "number",
        "no",
        "num",
        "#",
        "id",
        "ref",
        "reference",
        "sourcereference",
        "controlnumber",
        "serial",
        "serialno",
        "序号",
        "编号",
        "事件编号",
        "事件序号",
        "注入编号",
        "注入序号",
        "情景编号",
        "情景注入编号",
      ],
    },
  ],
  time: [
    {
      names: [
        "scenariotime",
        "designatedscenariotime",
        "scenariooffset",
        "offset",
        "timeoffset",
        "elapsed",
        "elapsedtime",
        "t+",
        "tplus",
        "relativetime",
        "storytime",
        "simtime",
        "simulatedtime",
        "exercisetime",
        "情景时间",
        "推演时间",
        "相对时间",
        "时间偏移",
        "场景时间",
      ],
      reading: "offset",
    },
    {
      names: [
        "scheduledtime",
        "deliverytime",
        "localtime",
        "timeofday",
        "clocktime",
        "injecttime",
        "eventtime",
        "wallclock",
        "wallclocktime",
        "walltime",
        "scheduled",
        "计划时间",
        "注入时间",
        "发送时间",
        "送达时间",
        "时刻",
      ],
      reading: "clock",
    },
    {
      names: [
        "time",
        "timing",
        "timeline",
        "triggertime",
        "时间",
        "时间点",
        "推演时刻",
        "事件时间",
      ],
    },
  ],
  day: [
    {
      names: [
        "day",
        "days",
        "date",
        "exerciseday",
        "scenarioday",
        "simday",
        "日期",
        "天",
        "第几天",
        "演练日",
        "日",
      ],
    },
  ],
  datetime: [
    {
      names: [
        "dtg",
        "injectdtg",
        "actualdtg",
        "deliverydtg",
        "datetimegroup",
        "datetime",
        "date/time",
        "timestamp",
        "日期时间",
        "时间戳",
      ],
    },
  ],
  phase: [
    {
      names: [
        "phase",
        "stage",
        "move",
        "period",
        "operationalperiod",
        "exercisephase",
        "phasename",
        "阶段",
        "推演阶段",
        "环节",
        "演练阶段",
      ],
    },
  ],
  title: [
    {
      names: [
        "title",
        "subject",
        "injecttitle",
        "eventtitle",
        "injectname",
        "eventname",
        "headline",
        "summary",
        "eventsummary",
        "injectsummary",
        "event",
        "inject",
        "actiontobetaken",
        "标题",
        "事件",
        "主题",
        "事件名称",
        "事件标题",
        "注入标题",
        "情景事件",
      ],
    },
  ],
  message: [
    {
      names: [
        "description",
        "message",
        "injectmessage",
        "injectdescription",
        "eventdescription",
        "descriptionscript",
        "desc",
        "injectdetails",
        "detailedstatement",
        "synopsis",
        "eventsynopsis",
        "implementer",
        "actualnarrative",
        "script",
        "details",
        "detail",
        "content",
        "body",
        "text",
        "narrative",
        "storyline",
        "storylinethread",
        "situation",
        "情景内容",
        "注入信息",
        "内容",
        "描述",
        "情景",
        "情景描述",
        "事件描述",
        "注入内容",
        "详情",
        "情况说明",
        "信息内容",
      ],
    },
  ],
  from: [
    {
      names: [
        "from",
        "sendfrom",
        "sentfrom",
        "sender",
        "source",
        "fromorg",
        "origin",
        "originator",
        "sentby",
        "initiatedby",
        "发送方",
        "发送",
        "发送单位",
        "来源",
        "发出单位",
        "发布方",
      ],
    },
  ],
  to: [
    {
      names: [
        "to",
        "sendto",
        "sentto",
        "toorg",
        "team",
        "teams",
        "audience",
        "targetaudience",
        "intendedrecipient",
        "target",
        "targets",
        "recipient",
        "recipients",
        "responsible",
        "responsibleagency",
        "responsibleparty",
        "responsiblegroup",
        "receiver",
        "player",
        "players",
        "assignedto",
        "接收",
        "接收方",
        "接收单位",
        "接收组",
        "责任单位",
        "责任部门",
        "目标组",
        "参演单位",
        "对象",
        "接收对象",
        "下发对象",
        "发送对象",
      ],
    },
  ],
  action: [
    {
      names: [
        "expectedaction",
        "expectedactions",
        "expectedresponse",
        "expectedplayerresponse",
        "expectedparticipantresponse",
        "playerresponse",
        "expectedplayeraction",
        "expectedplayeractions",
        "expectedoutcome",
        "expectedoutcomes",
        "remarksexpectedoutcome",
        "expectedreaction",
        "expectedreactiontoinject",
        "anticipatedresponse",
        "expectationdescription",
        "expectation",
        "expectations",
        "response",
        "action",
        "预期行动",
        "预期动作",
        "预期响应",
        "应对措施",
        "处置措施",
        "应对行动",
        "期望行动",
        "行动要求",
        "预期结果",
        "期望结果",
        "预期处置",
      ],
    },
  ],
  "action-by": [
    {
      names: [
        "actionby",
        "actiongroup",
        "actionowner",
        "expectationgroup",
        "owner",
        "执行组",
        "行动组",
        "负责组",
        "责任组",
      ],
    },
  ],
  within: [
    {
      names: [
        "within",
        "deadline",
        "responsewindow",
        "timelimit",
        "timetarget",
        "targettime",
        "sla",
        "时限",
        "完成时限",
        "处置时限",
        "响应时限",
        "时间要求",
        "要求时限",
      ],
    },
  ],
  after: [
    {
      names: [
        "after",
        "dependson",
        "dependency",
        "dependencies",
        "prerequisite",
        "prerequisites",
        "handoff",
        "handofffrom",
        "前置",
        "前置行动",
        "前置条件",
        "依赖",
        "前序",
      ],
    },
  ],
  objective: [
    {
      names: [
        "objective",
        "objectives",
        "exerciseobjective",
        "objectivesupported",
        "objectiveaddressed",
        "capabilitytested",
        "targetcapability",
        "corecapability",
        "corecapabilities",
        "capability",
        "capabilities",
        "目标",
        "演练目标",
        "检验目标",
        "核心能力",
        "能力",
      ],
    },
  ],
  critical: [{ names: ["critical", "key", "essential", "关键", "关键行动", "是否关键"] }],
  condition: [{ names: ["condition", "when", "conditional", "条件", "触发条件", "注入条件"] }],
  "expectation-id": [
    {
      names: [
        "expectationid",
        "expectedactionid",
        "actionid",
        "actionno",
        "行动编号",
        "预期行动编号",
        "动作编号",
      ],
    },
  ],
  notes: [
    {
      names: [
        "notes",
        "note",
        "remarks",
        "remark",
        "comments",
        "comment",
        "commentsnotes",
        "notesremarks",
        "controllernotes",
        "备注",
        "说明",
        "注释",
      ],
    },
  ],
  status: [
    {
      names: [
        "status",
        "injectstatus",
        "eventstatus",
        "mselstatus",
        "state",
        "donetodo",
        "状态",
        "执行状态",
        "注入状态",
      ],
    },
  ],
};

/** Lower case, without spaces, punctuation or a trailing parenthesis ("SEND FROM (Simulated)"). */
export function normaliseName(text: string, dropParenthesis = true): string {
  let t = text.toLowerCase().normalize("NFKC");
  if (dropParenthesis) t = t.replace(/[(（[【][^)）\]】]*[)）\]】]/g, "");
  return t.replace(/[\s_\-.:：,，;；/\\()（）[\]【】'"`*?!]+/g, "");
}

// ── side tables and key/value rows ───────────────────────────────────────────

export type GroupColumn =
  | "group-id"
  | "name"
  | "lead"
  | "members"
  | "responsibilities"
  | "capacity"
  | "aliases";
export type ObjectiveColumn = "objective-id" | "title" | "capability";
export type PlanKey = "title" | "scenario" | "version" | "lang" | "speed" | "start";

const GROUP_COLUMNS: Record<GroupColumn, string[]> = {
  "group-id": ["groupid", "groupcode", "组编号", "工作组编号"],
  name: ["group", "groupname", "workinggroup", "工作组", "组名", "工作组名称"],
  lead: ["lead", "leader", "head", "组长", "牵头领导", "负责人"],
  members: ["members", "member", "memberunits", "成员", "成员单位"],
  responsibilities: ["responsibilities", "responsibility", "duties", "职责", "主要职责"],
  capacity: ["capacity", "容量", "同时处理上限"],
  aliases: ["aliases", "alias", "alsoknownas", "aka", "别名", "又称"],
};

const OBJECTIVE_COLUMNS: Record<ObjectiveColumn, string[]> = {
  "objective-id": ["objectiveid", "目标编号"],
  title: ["objective", "objectivetitle", "目标", "演练目标"],
  capability: ["capability", "corecapability", "核心能力", "能力"],
};

const PLAN_KEYS: Record<PlanKey, string[]> = {
  title: [
    "plan",
    "plantitle",
    "exercise",
    "exercisename",
    "exercisetitle",
    "drill",
    "演练名称",
    "推演名称",
    "演练",
    "方案名称",
  ],
  scenario: ["scenario", "scenariodescription", "background", "情景", "情景描述", "背景", "想定"],
  version: ["version", "revision", "planversion", "版本", "修订"],
  lang: ["language", "lang", "语言"],
  speed: ["clockspeed", "speed", "推演速度", "时钟倍速", "倍速"],
  start: ["scenariostart", "start", "startex", "t0", "t+0", "情景开始时间", "开始时间", "起始时间"],
};

/** name → key, the first key listing a name winning (the tables' order is their priority). */
function index<K extends string>(table: Record<K, string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const key of Object.keys(table) as K[])
    for (const name of table[key]) if (!map.has(name)) map.set(name, key);
  return map;
}

function lookup<K extends string>(table: Map<string, K>, text: string): K | undefined {
  const bare = normaliseName(text);
  const found = table.get(bare);
  if (found !== undefined || !/[(（[【]/.test(text)) return found;
  return table.get(normaliseName(text, false));
}

const GROUP_INDEX = index(GROUP_COLUMNS);
const OBJECTIVE_INDEX = index(OBJECTIVE_COLUMNS);
const PLAN_INDEX = index(PLAN_KEYS);

export const matchGroupColumn = (text: string) => lookup(GROUP_INDEX, text);
export const matchObjectiveColumn = (text: string) => lookup(OBJECTIVE_INDEX, text);
export const matchPlanKey = (text: string) => lookup(PLAN_INDEX, text);

/** Column headings drillbook writes on export, by language; all of them import back. */
export const EXPORT_HEADINGS = {
  en: {
    id: "Inject ID",
    time: "Scenario time (T+)",
    phase: "Phase",
    title: "Title",
    message: "Message",
    to: "To",
    condition: "Condition",
    "expectation-id": "Expectation ID",
    "action-by": "Action by",
    action: "Expected action",
    within: "Within",
    after: "After",
    objective: "Objective",
    critical: "Critical",
    notes: "Notes",
    "group-id": "Group ID",
    group: "Group",
    lead: "Lead",
    members: "Members",
    responsibilities: "Responsibilities",
    capacity: "Capacity",
    aliases: "Aliases",
    "objective-id": "Objective ID",
    "objective-title": "Objective",
    capability: "Capability",
    "plan-title": "Exercise",
    scenario: "Scenario",
    version: "Version",
    lang: "Language",
    speed: "Clock speed",
    start: "Scenario start",
    groupsSheet: "Groups",
    objectivesSheet: "Objectives",
    yes: "yes",
  },
  zh: {
    id: "编号",
    time: "情景时间 (T+)",
    phase: "阶段",
    title: "标题",
    message: "内容",
    to: "接收组",
    condition: "注入条件",
    "expectation-id": "行动编号",
    "action-by": "执行组",
    action: "预期行动",
    within: "时限",
    after: "前置行动",
    objective: "演练目标",
    critical: "关键",
    notes: "备注",
    "group-id": "组编号",
    group: "工作组",
    lead: "组长",
    members: "成员单位",
    responsibilities: "职责",
    capacity: "容量",
    aliases: "别名",
    "objective-id": "目标编号",
    "objective-title": "目标",
    capability: "核心能力",
    "plan-title": "演练名称",
    scenario: "情景",
    version: "版本",
    lang: "语言",
    speed: "推演速度",
    start: "情景开始时间",
    groupsSheet: "工作组",
    objectivesSheet: "演练目标",
    yes: "是",
  },
} as const;
