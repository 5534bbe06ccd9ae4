/** The default problem categories of the brief §7; the office edits the list. */
export const DEFAULT_CATEGORIES = [
  '农村农业',
  '国土资源',
  '城乡建设（征地拆迁）',
  '劳动和社会保障',
  '卫生健康',
  '教育文体',
  '民政',
  '政法（涉法涉诉）',
  '经济管理（企业改制）',
  '交通运输',
  '商贸旅游',
  '科技与信息',
  '生态环境',
  '党务政务',
  '组织人事',
  '纪检监察',
  '涉军',
  '群团',
  '其他',
] as const;

/**
 * The second level a new office starts with: the hot topics seed 000 names (brief §7), each
 * under the first-level class it belongs to. The office adds, renames and retires the rest in
 * 设置 › 基础数据.
 */
export const DEFAULT_SUBCATEGORIES: Readonly<Partial<Record<(typeof DEFAULT_CATEGORIES)[number], readonly string[]>>> =
  {
    农村农业: ['水库移民'],
    国土资源: ['矿群矛盾', '产权纠纷'],
    '城乡建设（征地拆迁）': ['征地拆迁', '城市管理'],
    '政法（涉法涉诉）': ['涉法涉诉', '社会治安'],
    '经济管理（企业改制）': ['国企改制'],
  };
