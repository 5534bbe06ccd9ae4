import { HallError } from '../../../shared/contract';
import { addDaysIso, chinaDay, weekdayOf, WorkCalendar, type CalendarOverride } from '../../../shared/domain/calendar';
import { idCheckChar } from '../../../shared/domain/id-number';
import { DEFAULT_CATEGORIES } from '../../../shared/domain/categories';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case-status';
import { caseDeadline, extendDeadline } from '../../../shared/domain/deadlines';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { OUTCOMES } from '../../../shared/domain/closure';
import type { AuditActor } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, value } from '../infra/db/sql';
import { nextNumber } from '../infra/numbering';
import type { Store } from '../infra/store';

/**
 * A realistic demo dataset for a fictional county: a month of duty roster, a few hundred
 * visits (single, group, repeat, guided to the legal channel) and cases in every state, with
 * Chinese names that include rare characters (堃, 喆, 䶮, 𠮷). Deterministic for a given day.
 */
export interface DemoSummary {
  leaders: number;
  units: number;
  petitioners: number;
  visits: number;
  cases: number;
  dutySlots: number;
  casesByStatus: Record<string, number>;
}

/** A small seeded PRNG (mulberry32): the same demo every time for the same seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '欧阳',
  '司马',
  '𠮷',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '堃',
  '喆',
  '䶮',
  '建国',
  '淑珍',
  '海燕',
  '志强',
  '玉兰',
  '德福',
  '春生',
  '晓东',
];
const TOWNS = [
  '城关镇',
  '东坝镇',
  '西河乡',
  '南山街道',
  '北湖街道',
  '柳林镇',
  '青石镇',
  '白沙乡',
  '长乐镇',
  '新华街道',
  '黄庄镇',
  '杏花乡',
];
const VILLAGES = ['前进村', '红星村', '东风村', '和平村', '幸福村', '新民社区', '团结村', '光明村'];
const REGIONS = ['330424', '330421', '330402', '320102', '110105', '510107', '420106', '370102'];
const UNITS = [
  ['县自然资源局', '国土资源'],
  ['县人力资源和社会保障局', '劳动和社会保障'],
  ['县住房和城乡建设局', '城乡建设（征地拆迁）'],
  ['县卫生健康局', '卫生健康'],
  ['县教育体育局', '教育文体'],
  ['县民政局', '民政'],
  ['县公安局', '政法（涉法涉诉）'],
  ['县司法局', '政法（涉法涉诉）'],
  ['县交通运输局', '交通运输'],
  ['市生态环境局县分局', '生态环境'],
  ['县农业农村局', '农村农业'],
  ['县市场监督管理局', '商贸旅游'],
  ['县退役军人事务局', '涉军'],
  ['县国有资产管理中心', '经济管理（企业改制）'],
] as const;
const LEADERS = [
  {
    name: '陈志远',
    post: '县委书记',
    portfolio: '主持县委全面工作',
    rank: '正县级',
    principal: true,
    cats: [] as string[],
  },
  {
    name: '林海堃',
    post: '县委副书记、县长',
    portfolio: '主持县政府全面工作',
    rank: '正县级',
    principal: true,
    cats: ['经济管理（企业改制）'],
  },
  {
    name: '周建华',
    post: '县委副书记',
    portfolio: '党群、政法',
    rank: '副县级',
    principal: false,
    cats: ['政法（涉法涉诉）', '群团', '党务政务'],
  },
  {
    name: '吴晓喆',
    post: '副县长',
    portfolio: '自然资源、住房城乡建设',
    rank: '副县级',
    principal: false,
    cats: ['国土资源', '城乡建设（征地拆迁）'],
  },
  {
    name: '黄丽娟',
    post: '副县长',
    portfolio: '教育、卫生健康、民政',
    rank: '副县级',
    principal: false,
    cats: ['教育文体', '卫生健康', '民政'],
  },
  {
    name: '赵德明',
    post: '副县长',
    portfolio: '农业农村、生态环境',
    rank: '副县级',
    principal: false,
    cats: ['农村农业', '生态环境'],
  },
  {
    name: '孙国强',
    post: '副县长、公安局局长',
    portfolio: '公安、交通运输',
    rank: '副县级',
    principal: false,
    cats: ['交通运输', '政法（涉法涉诉）'],
  },
  {
    name: '马春燕',
    post: '县人大常委会副主任',
    portfolio: '人力资源和社会保障',
    rank: '副县级',
    principal: false,
    cats: ['劳动和社会保障', '涉军'],
  },
];
const DEMANDS: Record<string, string[]> = {
  国土资源: ['宅基地确权登记争议，请求重新核定四至界线', '承包地被占用建厂，请求恢复耕种或给予补偿'],
  '城乡建设（征地拆迁）': [
    '房屋征收补偿标准偏低，请求按市场评估价重新补偿',
    '安置房迟迟未交付，请求明确交房时间',
    '小区物业服务不到位，请求更换物业公司',
  ],
  劳动和社会保障: ['工地拖欠农民工工资三个月，请求督促支付', '企业未缴纳社会保险，请求补缴', '工伤认定后赔偿未到位'],
  卫生健康: ['对医疗纠纷处理结果不服，请求重新鉴定', '村卫生室长期无人值守'],
  教育文体: ['子女入学被分配到较远学校，请求就近入学', '代课教师待遇问题'],
  民政: ['申请低保未获批准，请求复核家庭经济状况', '残疾人补贴发放不及时'],
  '政法（涉法涉诉）': ['对法院判决执行不到位有意见', '邻里纠纷派出所调解不公'],
  交通运输: ['村道损毁严重，请求修缮', '公交线路调整后出行不便'],
  生态环境: ['附近养殖场污染河道，请求查处', '工厂夜间噪声扰民'],
  农村农业: ['土地流转租金未按合同支付', '农业补贴发放有误'],
  '经济管理（企业改制）': ['原国有企业改制时身份置换补偿未落实'],
  涉军: ['退役士兵安置待遇未落实'],
  其他: ['反映村务公开不及时，请求公开财务账目'],
};
/** The hall's clerk who keeps the demo's interview records. */
const CLERK = '郑晓雯';
const TURNS = [
  ['petitioner', '领导您好，我家的问题已经拖了很久，希望今天能给个说法。'],
  ['leader', '您别着急，慢慢说，我们认真听，能当场解决的当场解决。'],
  ['petitioner', '具体情况是这样的，材料我都带来了，请领导看一下。'],
  ['unit', '这个情况我们单位已经初步了解，正在核实相关材料。'],
  ['leader', '请责任单位在规定期限内核实清楚，给群众一个明确答复。'],
  ['petitioner', '好的，谢谢领导，我等你们的答复。'],
] as const;

function isWeekday(day: string): boolean {
  const w = weekdayOf(day);
  return w !== 0 && w !== 6;
}

/** Days after acceptance on which each step of a demo case is taken. */
const STEP = {
  receipt: 1,
  supervision: 8,
  extension: 10,
  answer: 12,
  followUp: 15,
  review: 16,
  reviewDecided: 24,
  rereview: 25,
  rereviewDecided: 33,
} as const;

/** The step a status needs to have happened (assignment is on the day of acceptance). */
const NEEDS: Record<CaseStatus, number> = {
  accepted: 0,
  assigned: 0,
  received: STEP.receipt,
  extended: STEP.extension,
  closed: STEP.answer,
  followed_up: STEP.followUp,
  in_review: STEP.review,
  in_rereview: STEP.rereview,
  final: STEP.rereviewDecided,
};

/** The furthest status up to `wanted`, in the order a case moves, that the days since acceptance allow. */
function reachable(wanted: CaseStatus, acceptedOn: string, today: string): CaseStatus {
  const path: CaseStatus[] =
    wanted === 'extended'
      ? ['accepted', 'assigned', 'received', 'extended']
      : CASE_STATUSES.filter((s) => s !== 'extended');
  let best: CaseStatus = 'accepted';
  for (const s of path) {
    if (addDaysIso(acceptedOn, NEEDS[s]) > today) break;
    best = s;
    if (s === wanted) break;
  }
  return best;
}

export function fillDemo(store: Store, actor: AuditActor, today: Date): DemoSummary {
  return store.write(actor, (db, audit) => {
    if ((value<number>(db, 'SELECT count(*) FROM visits') ?? 0) > 0)
      throw new HallError('DATABASE_NOT_EMPTY', '数据库中已有来访记录，演示数据只能填入新的数据库。');
    const summary = populate(db, today);
    // The demo office is 清河县信访局: its documents are numbered 清信访登〔2026〕12号.
    if (store.settings().organAbbreviation === '') store.putSettings(db, { organAbbreviation: '清信访' });
    audit({ action: 'demo.fill', entity: 'office', detail: { visits: summary.visits, cases: summary.cases } });
    return summary;
  });
}

function populate(db: Db, today: Date): DemoSummary {
  const r = rng(20261123);
  const run = (sql: string, ...params: unknown[]) => Number(db.prepare(sql).run(...params).lastInsertRowid);

  const categoryId = new Map<string, number>();
  const haveCats = all<{ id: number; name: string }>(db, 'SELECT id, name FROM categories');
  for (const c of haveCats) categoryId.set(c.name, c.id);
  DEFAULT_CATEGORIES.forEach((name, i) => {
    if (!categoryId.has(name)) categoryId.set(name, run('INSERT INTO categories (name, sort) VALUES (?, ?)', name, i));
  });
  // The demo office's public telephone, for the notices that print it; an office's own is kept.
  run(
    `INSERT INTO settings (key, value, updated_at) VALUES ('officePhone', ?, hall_now())
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at WHERE value = '""'`,
    JSON.stringify('0573-84120000'),
  );
  const county = run("INSERT INTO localities (name, level) VALUES ('清河县', 'county')");
  const towns = TOWNS.map((name, i) =>
    run("INSERT INTO localities (name, parent_id, level, sort) VALUES (?, ?, 'township', ?)", name, county, i),
  );

  const leaderIds = LEADERS.map((l, i) => {
    const id = run(
      'INSERT INTO leaders (name, post, portfolio, rank, phone, is_principal, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
      l.name,
      l.post,
      l.portfolio,
      l.rank,
      `1390572${String(1000 + i * 7)}`,
      l.principal ? 1 : 0,
      i,
    );
    for (const c of l.cats)
      run('INSERT INTO leader_scopes (leader_id, category_id) VALUES (?, ?)', id, categoryId.get(c)!);
    return id;
  });
  const unitIds = UNITS.map(([name, cat], i) => {
    const id = run(
      'INSERT INTO units (name, contact, phone) VALUES (?, ?, ?)',
      name,
      `${r.pick(SURNAMES.slice(0, 10))}科长`,
      `0573-8412${String(3000 + i)}`,
    );
    run('INSERT INTO unit_scopes (unit_id, category_id) VALUES (?, ?)', id, categoryId.get(cat)!);
    return { id, cat, name };
  });
  const rooms = ['第一接待室', '第二接待室', '第三接待室'].map((name, i) =>
    run(
      'INSERT INTO rooms (name, location, queue_prefix) VALUES (?, ?, ?)',
      name,
      `信访接待大厅一楼${i + 1}号`,
      'ABC'[i],
    ),
  );
  for (const [name, org] of [
    ['郑律师', '清河律师事务所'],
    ['冯律师', '正衡律师事务所'],
    ['沈代表', '县人大代表'],
  ] as const)
    run(
      'INSERT INTO participants (name, kind, organisation) VALUES (?, ?, ?)',
      name,
      name.endsWith('代表') ? 'deputy' : 'lawyer',
      org,
    );

  // A month of roster: every weekday one leader receives in the morning, rotating.
  const todayIso = chinaDay(today);
  // The office's working-day calendar (official holidays and the administrator's entries), as deadlines are counted.
  const cal = new WorkCalendar(
    all<CalendarOverride>(db, 'SELECT date, kind, name FROM calendar_overrides ORDER BY date'),
  );
  const start = addDaysIso(todayIso, -35);
  const slots = new Map<string, { id: number; leaderId: number; roomId: number }>();
  let rot = 0;
  for (let day = start; day <= addDaysIso(todayIso, 7); day = addDaysIso(day, 1)) {
    if (!isWeekday(day)) continue;
    const leaderId = leaderIds[2 + (rot % (leaderIds.length - 2))]!;
    const roomId = rooms[rot % rooms.length]!;
    const slotId = run(
      "INSERT INTO duty_slots (date, session, start_time, end_time, form, room_id) VALUES (?, 'morning', '08:30', '11:30', 'regular', ?)",
      day,
      roomId,
    );
    run('INSERT INTO duty_slot_leaders (slot_id, leader_id) VALUES (?, ?)', slotId, leaderId);
    slots.set(day, { id: slotId, leaderId, roomId });
    rot++;
  }

  // People who petition; some come back.
  const people: { id: number; name: string }[] = [];
  for (let i = 0; i < 260; i++) {
    const name = r.pick(SURNAMES) + r.pick(GIVEN);
    const y = r.int(1948, 2002);
    const m = String(r.int(1, 12)).padStart(2, '0');
    const d = String(r.int(1, 28)).padStart(2, '0');
    const sexDigit = r.int(0, 9);
    const first17 = `${r.pick(REGIONS)}${y}${m}${d}${String(r.int(10, 99))}${sexDigit}`;
    const idNumber = first17 + idCheckChar(first17);
    const phone = `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 9))}${String(r.int(10000000, 99999999))}`;
    const address = `清河县${r.pick(TOWNS)}${r.pick(VILLAGES)}${r.int(1, 30)}组${r.int(1, 99)}号`;
    const id = run(
      'INSERT INTO petitioners (name, sex, id_number, birth_date, phone, address) VALUES (?, ?, ?, ?, ?, ?)',
      name,
      sexDigit % 2 === 1 ? 'male' : 'female',
      idNumber,
      `${y}-${m}-${d}`,
      phone,
      address,
    );
    people.push({ id, name });
  }

  const categories = Object.keys(DEMANDS);
  const casesByStatus: Record<string, number> = {};
  let visitCount = 0;
  let caseCount = 0;
  const dayCounter = new Map<string, number>();
  const matters = new Map<number, { key: string; cat: string; visits: number; caseId: number | null }>();

  const slotDays = [...slots.keys()].filter((d) => d <= todayIso);
  for (let i = 0; i < 380; i++) {
    const day = r.pick(slotDays);
    const slot = slots.get(day)!;
    const returning = i > 60 && r.chance(0.18);
    const person = returning ? people[r.int(0, 59)]! : people[r.int(0, people.length - 1)]!;
    const earlier = matters.get(person.id);
    const cat = earlier && returning ? earlier.cat : r.pick(categories);
    const matter = earlier && returning ? earlier : { key: `m-${person.id}-${i}`, cat, visits: 0, caseId: null };
    matter.visits++;
    matters.set(person.id, matter);
    const group = !returning && r.chance(0.06);
    const headCount = group ? r.int(6, 26) : r.chance(0.15) ? r.int(2, 4) : 1;
    const legal =
      !group && r.chance(0.05) ? r.pick(['litigation', 'arbitration', 'administrative_review'] as const) : 'none';
    const n = (dayCounter.get(day) ?? 0) + 1;
    dayCounter.set(day, n);
    const arrivedAt = `${day}T0${r.int(0, 3)}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;
    const town = r.pick(towns);
    const visitId = run(
      `INSERT INTO visits (visit_no, date, arrived_at, kind, head_count, category_id, locality_id, demand, facts, earlier_handling, legal_channel,
        accepted, guidance, matter_key, repeat_count, leader_id, slot_id, status, registrar_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      nextNumber(db, { kind: 'visit', day }),
      day,
      arrivedAt,
      group ? 'immediate' : 'walk_in',
      headCount,
      categoryId.get(cat === '其他' ? '其他' : cat) ?? null,
      town,
      r.pick(DEMANDS[cat]!),
      '信访人陈述了事情经过，并提供了相关材料复印件。',
      matter.visits > 1 ? '此前已来访反映，责任单位正在办理。' : '',
      legal,
      legal === 'none' ? 1 : 0,
      legal === 'none' ? null : '该诉求应通过法定途径解决，已告知信访人相应渠道。',
      matter.key,
      matter.visits - 1,
      matter.visits >= 3 ? leaderIds[1]! : slot.leaderId,
      slot.id,
      legal === 'none' ? 'done' : 'guided',
    );
    visitCount++;
    run(
      'INSERT INTO visit_petitioners (visit_id, petitioner_id, is_representative, is_primary) VALUES (?, ?, ?, 1)',
      visitId,
      person.id,
      group ? 1 : 0,
    );
    if (group) {
      const reps = new Set<number>();
      while (reps.size < Math.min(4, headCount - 1)) reps.add(people[r.int(60, people.length - 1)]!.id);
      for (const rep of reps)
        if (rep !== person.id)
          run(
            'INSERT INTO visit_petitioners (visit_id, petitioner_id, is_representative) VALUES (?, ?, 1)',
            visitId,
            rep,
          );
    }
    const roomPrefix = 'ABC'[rooms.indexOf(slot.roomId)] ?? 'A';
    run(
      "INSERT INTO tickets (visit_id, date, code, leader_id, room_id, status, call_count, position, called_at, started_at, finished_at) VALUES (?, ?, ?, ?, ?, 'done', 1, ?, ?, ?, ?)",
      visitId,
      day,
      nextNumber(db, { kind: 'queue', day, prefix: roomPrefix }),
      slot.leaderId,
      slot.roomId,
      n,
      arrivedAt,
      arrivedAt,
      arrivedAt,
    );
    if (legal !== 'none') continue;

    const interviewId = run(
      "INSERT INTO interviews (visit_id, leader_id, clerk_id, place, started_at, ended_at, opinion, disposition, petitioner_response, confirmation) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 'paper')",
      visitId,
      slot.leaderId,
      '信访接待大厅',
      arrivedAt,
      arrivedAt,
      '责成相关单位限期核实办理，并将结果书面答复信访人。',
      'assigned',
      '同意领导意见，等待答复。',
    );
    run(
      "INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, 'leader', ?)",
      interviewId,
      LEADERS[leaderIds.indexOf(slot.leaderId)]!.name,
    );
    // The unit that answers in the room and the hall's clerk, as the clerk enters them.
    run(
      "INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, 'unit', ?)",
      interviewId,
      UNITS[
        Math.max(
          0,
          unitIds.findIndex((u) => u.cat === cat),
        )
      ]![0],
    );
    run("INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, 'clerk', ?)", interviewId, CLERK);
    TURNS.forEach(([speaker, text], seq) =>
      run(
        'INSERT INTO interview_turns (interview_id, seq, speaker, speaker_name, text) VALUES (?, ?, ?, ?, ?)',
        interviewId,
        seq + 1,
        speaker,
        '',
        text,
      ),
    );

    if (matter.caseId) {
      run('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)', matter.caseId, visitId);
      continue;
    }
    if (!r.chance(0.65)) continue;
    const acceptedOn = day;
    // Each case is taken as far along as the days since acceptance allow (STEP): nothing is
    // dated after the day the demo is filled, so every screen and report reads it the same way.
    const status = reachable(CASE_STATUSES[caseCount % CASE_STATUSES.length]!, acceptedOn, todayIso);
    casesByStatus[status] = (casesByStatus[status] ?? 0) + 1;
    const at = (step: keyof typeof STEP) => addDaysIso(acceptedOn, STEP[step]);
    // A matter heard by a leader on duty: 15 working days (every third case the general 60 days).
    const rule = caseCount % 3 === 2 ? 'answer_60_days' : 'visit_15_working_days';
    const handling = caseDeadline(rule, acceptedOn, cal, DEFAULT_SETTINGS);
    const extension = status === 'extended' ? extendDeadline(handling.date, 30, 30, cal) : null;
    const reviewDue = (step: 'review' | 'rereview') => cal.addCalendarDays(at(step), 30, true).date;
    const stage =
      status === 'in_review' ? 'review' : status === 'in_rereview' || status === 'final' ? 'rereview' : 'handling';
    // A review owns the case's 办理期限 while it runs and keeps the handling one aside (as cases/moves.ts does).
    const deadlineOn = stage === 'handling' ? (extension?.date ?? handling.date) : reviewDue(stage);
    const basis =
      stage === 'handling'
        ? { ...handling, ...(extension ? { extended: extension } : {}) }
        : {
            unit: 'calendar',
            amount: 30,
            rolled: false,
            label: '自申请之日起30日内答复',
            handlingDeadline: handling.date,
          };
    const unit = unitIds.find((u) => u.cat === cat) ?? unitIds[0]!;
    const caseId = run(
      `INSERT INTO cases (case_no, petitioner_id, title, demand, category_id, locality_id, owning_leader_id, accepted_on, deadline_rule, deadline_on,
        deadline_basis, stage, status, final) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      nextNumber(db, { kind: 'case', day: acceptedOn }),
      person.id,
      `${cat}问题`,
      r.pick(DEMANDS[cat]!),
      categoryId.get(cat) ?? null,
      town,
      slot.leaderId,
      acceptedOn,
      rule,
      deadlineOn,
      JSON.stringify(basis),
      stage,
      status,
      status === 'final' ? 1 : 0,
    );
    caseCount++;
    matter.caseId = caseId;
    run('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)', caseId, visitId);
    if (caseCount % 4 === 0)
      run(
        'INSERT INTO responsibilities (case_id, leader_id, unit_id, responsible_person, goal, measures, deadline_on, signed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        caseId,
        slot.leaderId,
        unit.id,
        `${r.pick(SURNAMES.slice(0, 12))}${r.pick(GIVEN)}`,
        '查明事实，依法依规解决合理诉求，实现息诉罢访。',
        '每半月听取一次进展汇报，协调相关部门联合办理。',
        handling.date,
        acceptedOn,
      );
    if (caseCount % 6 === 0)
      run(
        "INSERT INTO appointments (petitioner_id, case_id, leader_id, at, place, purpose, leader_notified_on, petitioner_notified_on, status, booked_at) VALUES (?, ?, ?, ?, '信访接待大厅第一接待室', ?, ?, ?, ?, ?)",
        person.id,
        caseId,
        slot.leaderId,
        `${addDaysIso(acceptedOn, 14)}T01:30:00.000Z`,
        `${cat}问题`,
        addDaysIso(acceptedOn, 12),
        addDaysIso(acceptedOn, 13),
        addDaysIso(acceptedOn, 14) < todayIso ? 'arrived' : 'booked',
        `${acceptedOn}T02:30:00.000Z`,
      );
    if (status === 'accepted') continue;

    // The unit's 交办期限 comes inside the case's 办理期限: 10 working days.
    const assignmentId = run(
      'INSERT INTO assignments (case_id, assignment_no, instruction, report_requirements, deadline_on, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?, ?, 1)',
      caseId,
      nextNumber(db, { kind: 'assignment', day: acceptedOn }),
      '请认真核实，依法依规处理，按时书面答复信访人。',
      '办理结果及答复材料',
      cal.addWorkingDays(acceptedOn, 10).date,
      `${acceptedOn}T03:00:00.000Z`,
    );
    run("INSERT INTO assignment_units (assignment_id, unit_id, role) VALUES (?, ?, 'lead')", assignmentId, unit.id);
    if (status === 'assigned') {
      if (r.chance(0.5))
        run(
          "INSERT INTO supervisions (case_id, assignment_id, supervision_no, reason, level, requirements, answer_by, issued_at, issued_by) VALUES (?, ?, ?, 'no_receipt', 'ordinary', '请立即签收并组织办理。', ?, ?, 1)",
          caseId,
          assignmentId,
          nextNumber(db, { kind: 'supervision', day: todayIso }),
          addDaysIso(todayIso, 3),
          `${todayIso}T01:00:00.000Z`,
        );
      continue;
    }
    run(
      'INSERT INTO receipts (assignment_id, unit_id, signed_by, signed_at) VALUES (?, ?, ?, ?)',
      assignmentId,
      unit.id,
      `${r.pick(SURNAMES.slice(0, 12))}${r.pick(GIVEN)}`,
      `${at('receipt')}T02:00:00.000Z`,
    );
    if ((r.chance(0.3) || status === 'extended') && at('supervision') <= todayIso)
      run(
        'INSERT INTO supervisions (case_id, assignment_id, supervision_no, reason, level, requirements, answer_by, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)',
        caseId,
        assignmentId,
        nextNumber(db, { kind: 'supervision', day: at('supervision') }),
        r.pick(['due', 'overdue', 'no_answer'] as const),
        r.pick(['ordinary', 'yellow', 'red'] as const),
        '请加快办理进度，按期答复。',
        cal.addWorkingDays(at('supervision'), 3).date,
        `${at('supervision')}T01:00:00.000Z`,
      );
    if (status === 'received') continue;
    if (extension) {
      run(
        'INSERT INTO extensions (case_id, days, reason, approver, approved_on, previous_deadline_on, new_deadline_on, petitioner_notified_on) VALUES (?, 30, ?, ?, ?, ?, ?, ?)',
        caseId,
        '情况复杂，需要多部门联合调查。',
        LEADERS[1]!.name,
        at('extension'),
        handling.date,
        extension.date,
        at('extension'),
      );
      continue;
    }
    run(
      `INSERT INTO closures (case_id, stage, unit_id, findings, outcome, basis, answer_date, answer_way, satisfaction, stopped, closed_at, closed_by)
       VALUES (?, 'handling', ?, ?, ?, ?, ?, 'written_delivered', ?, ?, ?, 1)`,
      caseId,
      unit.id,
      '经调查核实，信访人反映的情况基本属实。',
      r.pick(OUTCOMES),
      '《信访工作条例》第三十二条及相关政策规定',
      at('answer'),
      r.pick(['satisfied', 'basically_satisfied', 'unsatisfied'] as const),
      r.chance(0.6) ? 1 : 0,
      `${at('answer')}T06:00:00.000Z`,
    );
    // The owning leader's 查办报告 (seed 004), signed a few days after the answer; no draw of
    // the generator, so every other demo record stays as it was.
    run(
      `INSERT INTO investigation_reports (case_id, leader_id, findings, measures, stability_measures, result, signed_on, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      caseId,
      slot.leaderId,
      '包案后听取承办单位汇报，调阅有关材料，查明信访人反映的情况基本属实。',
      `责成${unit.name}依法依规办理，明确办理时限，跟踪督促落实。`,
      '由属地乡镇确定专人联系信访人，定期走访，及时通报办理进展，做好思想疏导。',
      '已书面答复信访人，处理意见已落实。',
      addDaysIso(acceptedOn, 27),
      `${addDaysIso(acceptedOn, 27)}T07:00:00.000Z`,
    );
    if (status === 'closed') continue;
    run(
      "INSERT INTO follow_ups (case_id, at, way, by_name, result, satisfaction) VALUES (?, ?, 'phone', ?, ?, 'satisfied')",
      caseId,
      `${at('followUp')}T02:00:00.000Z`,
      '信访局回访组',
      '信访人表示对处理结果满意。',
    );
    if (status === 'followed_up') continue;
    run(
      "INSERT INTO reviews (case_id, kind, requested_on, body, deadline_on) VALUES (?, 'review', ?, '县人民政府', ?)",
      caseId,
      at('review'),
      reviewDue('review'),
    );
    if (status === 'in_review') continue;
    run(
      "UPDATE reviews SET result = '维持原处理意见', decided_on = ? WHERE case_id = ? AND kind = 'review'",
      at('reviewDecided'),
      caseId,
    );
    run(
      "INSERT INTO reviews (case_id, kind, requested_on, body, deadline_on) VALUES (?, 'rereview', ?, '市人民政府', ?)",
      caseId,
      at('rereview'),
      reviewDue('rereview'),
    );
    if (status === 'final')
      run(
        "UPDATE reviews SET result = '维持复查意见', decided_on = ? WHERE case_id = ? AND kind = 'rereview'",
        at('rereviewDecided'),
        caseId,
      );
  }

  return {
    leaders: leaderIds.length,
    units: unitIds.length,
    petitioners: people.length,
    visits: visitCount,
    cases: caseCount,
    dutySlots: slots.size,
    casesByStatus,
  };
}
