// The schema, as an ordered list of steps. Append only: a released step is never edited.

export const MIGRATIONS: string[] = [
  // 1: the plan, keyed by year so one database holds several years.
  `
  CREATE TABLE plans (
    year INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    district TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    office TEXT NOT NULL,
    deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 0 AND 60),
    settings TEXT NOT NULL,          -- JSON: deadline rule text, warning thresholds
    loaded_from TEXT NOT NULL,
    loaded_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE units (
    year INTEGER NOT NULL REFERENCES plans(year) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('area', 'department')),
    category TEXT NOT NULL,
    aliases TEXT NOT NULL,           -- JSON array
    PRIMARY KEY (year, code)
  ) STRICT;
  CREATE TABLE indicators (
    year INTEGER NOT NULL REFERENCES plans(year) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,           -- JSON array
    kind TEXT NOT NULL CHECK (kind IN ('count', 'rate', 'relative', 'zero', 'monitor')),
    measure TEXT NOT NULL,
    decimals INTEGER NOT NULL,
    fields TEXT NOT NULL,            -- JSON array of {key, label}
    denominator_adds_numerator INTEGER NOT NULL,
    basis TEXT,
    PRIMARY KEY (year, code)
  ) STRICT;
  CREATE TABLE indicator_reporters (
    year INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    unit TEXT NOT NULL,
    PRIMARY KEY (year, indicator, unit),
    FOREIGN KEY (year, indicator) REFERENCES indicators(year, code) ON DELETE CASCADE,
    FOREIGN KEY (year, unit) REFERENCES units(year, code) ON DELETE CASCADE
  ) STRICT;
  CREATE TABLE targets (
    year INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('>=', '<=', '=')),
    value REAL,
    reference TEXT,
    PRIMARY KEY (year, indicator),
    FOREIGN KEY (year, indicator) REFERENCES indicators(year, code) ON DELETE CASCADE,
    CHECK ((value IS NULL) <> (reference IS NULL))
  ) STRICT;
  CREATE TABLE allocations (
    year INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    unit TEXT NOT NULL,
    value REAL NOT NULL CHECK (value >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, indicator, unit),
    FOREIGN KEY (year, indicator) REFERENCES indicators(year, code) ON DELETE CASCADE,
    FOREIGN KEY (year, unit) REFERENCES units(year, code) ON DELETE CASCADE
  ) STRICT;
  CREATE TABLE tasks (
    year INTEGER NOT NULL REFERENCES plans(year) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    basis TEXT,
    PRIMARY KEY (year, id)
  ) STRICT;
  CREATE TABLE responsibilities (
    year INTEGER NOT NULL,
    task TEXT NOT NULL,
    unit TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
    position INTEGER NOT NULL,
    PRIMARY KEY (year, task, unit),
    FOREIGN KEY (year, task) REFERENCES tasks(year, id) ON DELETE CASCADE,
    FOREIGN KEY (year, unit) REFERENCES units(year, code) ON DELETE CASCADE
  ) STRICT;
  CREATE UNIQUE INDEX one_lead_per_task ON responsibilities(year, task) WHERE role = 'lead';
  CREATE TABLE task_indicators (
    year INTEGER NOT NULL,
    task TEXT NOT NULL,
    indicator TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (year, task, indicator),
    FOREIGN KEY (year, task) REFERENCES tasks(year, id) ON DELETE CASCADE,
    FOREIGN KEY (year, indicator) REFERENCES indicators(year, code) ON DELETE CASCADE
  ) STRICT;
  `,
  // 2: quarterly returns as they are imported, and every earlier value they replaced.
  `
  CREATE TABLE returns (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    unit TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    received_on TEXT NOT NULL,       -- first receipt: what the deadline is judged by
    revised_on TEXT,                 -- receipt of the latest revision, if any
    imported_at TEXT NOT NULL,
    filled_by TEXT,
    phone TEXT,
    filled_on TEXT,
    template_version TEXT,
    UNIQUE (year, quarter, unit),
    FOREIGN KEY (year, unit) REFERENCES units(year, code)
  ) STRICT;
  CREATE TABLE figures (
    return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    field TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (return_id, indicator, field)
  ) STRICT;
  CREATE TABLE progress (
    return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    task TEXT NOT NULL,
    status TEXT CHECK (status IN ('已完成', '推进中', '未启动')),
    note TEXT,
    PRIMARY KEY (return_id, task)
  ) STRICT;
  CREATE TABLE layoffs (
    return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    firm TEXT NOT NULL,
    staff INTEGER NOT NULL CHECK (staff >= 0),
    laid_off INTEGER NOT NULL CHECK (laid_off >= 0),
    notice_on TEXT,
    layoff_on TEXT,
    PRIMARY KEY (return_id, seq)
  ) STRICT;
  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    unit TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    received_on TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('new', 'revision')),
    changed INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX imports_by_unit ON imports(year, quarter, unit);
  CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    item TEXT NOT NULL,              -- e.g. figure:xinzeng.quarter, progress:二(一).note
    old_value TEXT,
    new_value TEXT
  ) STRICT;
  CREATE TABLE locks (
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    locked_at TEXT NOT NULL,
    PRIMARY KEY (year, quarter)
  ) STRICT;
  CREATE TABLE reference_values (
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),  -- 0: the whole year
    indicator TEXT NOT NULL,
    value REAL NOT NULL CHECK (value BETWEEN 0 AND 100),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, quarter, indicator),
    FOREIGN KEY (year, indicator) REFERENCES indicators(year, code) ON DELETE CASCADE
  ) STRICT;
  `,
  // 3: mark the file as jiuye's, so another program's SQLite file is never taken for one of ours.
  `
  PRAGMA application_id = 1785296249;
  `,
  // 4: holiday calendars the clerk stores (jiuye calendar add|set): next year's notice needs no new release.
  `
  CREATE TABLE holiday_calendars (
    year INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    loaded_from TEXT NOT NULL,       -- the file it was read from, or the calendar set command line
    stored_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE holiday_calendar_days (
    year INTEGER NOT NULL REFERENCES holiday_calendars(year) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,          -- a make-up working day: the same as first_day
    PRIMARY KEY (year, kind, position),
    CHECK (first_day <= last_day)
  ) STRICT;
  `,
  // 5: plans for more years. A relative target says where its reference comes from (不低于上年:
  // last year's figure); a plan replaced mid-year is kept whole, in the plan file format.
  `
  ALTER TABLE targets ADD COLUMN reference_from TEXT CHECK (reference_from IN ('previousYear', 'entered'));
  CREATE TABLE plan_history (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    plan TEXT NOT NULL,              -- JSON: the replaced plan, as jiuye plan export writes it
    loaded_from TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL        -- where the plan that replaced it came from
  ) STRICT;
  `,
  // 6: the original bytes of every imported return, revisions included (原件留存), keyed by the hash
  // that returns and imports already record: one file to back up and move holds them all.
  `
  CREATE TABLE originals (
    file_hash TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    stored_at TEXT NOT NULL
  ) STRICT;
  `,
  // 7: the government's own words in the stored plans (序时进度, one sentence for the deadline rule, one
  // name for the layoff-notice warning). Only a text exactly as jiuye's embedded plan wrote it is
  // replaced: a clerk who wrote their own keeps it. Plans kept in plan_history stay as they were.
  `
  UPDATE plans SET settings = json_set(settings, '$.deadline.rule', '季后5日内报送,遇周末和法定节假日顺延至下一个工作日')
    WHERE json_extract(settings, '$.deadline.rule') = '季后5日内报送,遇法定节假日顺延至下一个工作日';
  UPDATE plans SET settings = json_set(settings, '$.warnings.behindSchedule.rule', '累计完成率低于序时进度')
    WHERE json_extract(settings, '$.warnings.behindSchedule.rule') = '累计完成率低于时序进度';
  -- json() around the list: a JSON value comes out of a subquery as plain text, and would be stored as a string.
  UPDATE plans SET settings = json_set(settings, '$.assessment.deductions', json((
      SELECT json_group_array(json(CASE
        WHEN json_extract(d.value, '$.warning') = 'layoffNotice' AND json_extract(d.value, '$.name') = '规模性裁员未提前30日说明'
        THEN json_set(d.value, '$.name', '裁员未提前30日说明') ELSE d.value END) ORDER BY d.key)
      FROM json_each(settings, '$.assessment.deductions') AS d)))
    WHERE EXISTS (
      SELECT 1 FROM json_each(settings, '$.assessment.deductions') AS d
      WHERE json_extract(d.value, '$.warning') = 'layoffNotice' AND json_extract(d.value, '$.name') = '规模性裁员未提前30日说明');
  `,
  // 8: a database made by jiuye demo says so, so that every document written from it, by whichever
  // command, is marked 示例数据 (the demo's own workbook was; a report written from it later was not).
  `
  CREATE TABLE IF NOT EXISTS demo_data (
    made_at TEXT NOT NULL,
    made_by TEXT NOT NULL            -- the command that made it: jiuye demo, jiuye demo --year-end
  ) STRICT;
  `,
  // 9: the embedded method's basis, printed under 考核办法, named the program by its English name; the
  // leading group's documents carry no English. Only the text exactly as the embedded plan wrote it.
  `
  UPDATE plans SET settings = json_set(settings, '$.assessment.basis', '文件六(二):“将促进就业工作纳入政府年终考核指标,对各成员单位就促进就业工作落实情况开展考核督查”。文件未规定考核分值,本办法是内置的默认办法:镇街和开发区主要考核分解目标和底线指标,区直部门主要考核报送和任务落实;区政府年终考核另有规定的,以规定为准,并相应修改本办法')
    WHERE json_extract(settings, '$.assessment.basis') = '文件六(二):“将促进就业工作纳入政府年终考核指标,对各成员单位就促进就业工作落实情况开展考核督查”。文件未规定考核分值,本办法是 jiuye 内置的默认办法:镇街和开发区主要考核分解目标和底线指标,区直部门主要考核报送和任务落实;区政府年终考核另有规定的,以规定为准,并相应修改本办法';
  `,
];
