// The task table: the status (and note) a unit gives each task it leads or assists.
import { findTask } from '../../domain/match.js';
import { tasksOf, type Plan, type Unit } from '../../domain/plan/model.js';
import type { Progress } from '../../domain/return.js';
import { launcher } from '../../format/command.js';
import { TASK_STATUSES, type TaskStatus } from '../../format/words.js';
import { cellText } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import { columnName } from '../read-sheet.js';
import type { Problem } from './result.js';
import { cellAt, type Section } from './sections.js';

/** One status per task of the unit; another unit's task is ignored with a warning. */
export function readTasks(plan: Plan, unit: Unit, section: Section | undefined, sheet: string, L: ReturnLayout, problems: Problem[], warnings: Problem[]): Progress[] {
  const expected = tasksOf(plan, unit.code).map((t) => t.task.id);
  const out: Progress[] = [];
  if (!section) {
    if (expected.length > 0) problems.push({ sheet, message: `找不到“${L.sections.tasks.title}”的表头(${Object.values(L.sections.tasks.columns).join('、')})`, fix: `请用 ${launcher()} template 生成的报表填写,不要修改表头` });
    return out;
  }
  for (const row of section.rows) {
    const taskCell = cellAt(row, section.col.task);
    if (!taskCell) continue;
    const id = cellText(taskCell.value);
    const task = findTask(plan, id);
    if (!task) {
      problems.push({ sheet, cell: taskCell.address, message: `任务编号“${id}”不是方案中的任务`, fix: '请不要修改任务编号' });
      continue;
    }
    const statusCell = cellAt(row, section.col.status);
    const noteCell = section.col.note ? cellAt(row, section.col.note) : undefined;
    if (!expected.includes(task.id)) {
      if (statusCell || noteCell) warnings.push({ sheet, cell: taskCell.address, message: `${unit.name}不承担任务 ${task.id},此行已忽略`, fix: '无需处理' });
      continue;
    }
    if (out.some((p) => p.task === task.id)) {
      problems.push({ sheet, cell: taskCell.address, message: `任务 ${task.id} 出现了两次`, fix: '请删除重复的一行' });
      continue;
    }
    const statusText = statusCell ? cellText(statusCell.value).replace(/\s/g, '') : '';
    const statusAddress = statusCell?.address ?? `${columnName(section.col.status)}${row.number}`;
    let status: TaskStatus | null = null;
    if (!statusText) problems.push({ sheet, cell: statusAddress, message: `任务 ${task.id} 的状态未填写`, fix: `请从下拉列表中选择:${TASK_STATUSES.join('、')}` });
    else if (!(TASK_STATUSES as readonly string[]).includes(statusText)) {
      problems.push({ sheet, cell: statusAddress, message: `任务 ${task.id} 的状态“${statusText}”无法识别`, fix: `只能是:${TASK_STATUSES.join('、')}` });
    } else status = statusText as TaskStatus;
    out.push({ task: task.id, status, note: noteCell ? cellText(noteCell.value) || null : null });
  }
  for (const id of expected) {
    if (!out.some((p) => p.task === id)) problems.push({ sheet, message: `表中缺少任务 ${id} 一行`, fix: `请用 ${launcher()} template 生成的报表填写,不要删除行` });
  }
  return out;
}
