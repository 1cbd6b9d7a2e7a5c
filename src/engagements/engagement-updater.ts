import { randomUUID } from 'node:crypto';
import { appendAuditEvent, diffFields, type Actor } from '../audit/audit-event';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-errors';
import type { PrismaTx } from '../prisma/prisma.service';
import { isClosed, type TaskStatus } from '../tasks/task-status';
import {
  calendarDateOf,
  formatCalendarDate,
  toDbDate,
  type CalendarDate,
} from '../common/domain/calendar-date';
import { rescheduleDueDates, rescheduleProblem, type Reschedule } from './due-dates';
import { contactProblems, type ContactInput } from './contact-rules';
import type { UpdateEngagementDto } from './dto/engagement-input.dto';
import { bumpEngagementVersion, lockEngagement } from './engagement-lifecycle';
import { reactivatedStatus } from './engagement-status';
import { checkIfMatch, type IfMatch } from '../common/http/etag';
import { normaliseContacts } from './contacts';
import { checklistForTier, type ChecklistItem, type SecurityTier } from './template-snapshot';
import { findTemplateChecklists } from '../templates/template-version.repository';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const contactOrder = (a: ContactInput, b: ContactInput) =>
  `${a.party}\0${a.primary ? 0 : 1}\0${a.name}\0${a.email}`.localeCompare(
    `${b.party}\0${b.primary ? 0 : 1}\0${b.name}\0${b.email}`,
  );

/**
 * Applies PATCH /engagements/{id} inside the caller's transaction: validates everything first,
 * then writes each kind of change with its own audit event. A cancelled engagement takes no
 * change but its reactivation (status ACTIVE), and what is sent along with that.
 */
export async function applyEngagementUpdate(
  tx: PrismaTx,
  id: string,
  input: UpdateEngagementDto,
  ifMatch: IfMatch | undefined,
  actor: Actor,
): Promise<void> {
  const { version } = await lockEngagement(tx, id);
  checkIfMatch(ifMatch, version, { name: 'the engagement' });
  const engagement = await tx.engagement.findUnique({
    where: { id },
    include: { contacts: true, template: { select: { parties: true } } },
  });
  if (!engagement) throw new NotFoundError('Engagement', id);
  const cancelling = input.status === 'CANCELLED';
  const reactivating = input.status === 'ACTIVE';
  if (engagement.status === 'CANCELLED' && !reactivating) {
    throw new ConflictError(
      'The engagement is cancelled and can no longer change, unless it is reactivated first',
      { currentStatus: 'CANCELLED' },
    );
  }
  if (input.status && !input.reason) {
    throw new BusinessRuleError(
      `${cancelling ? 'Cancelling' : 'Reactivating'} an engagement needs a reason`,
      [{ field: 'reason', message: `is required when status is ${input.status}` }],
    );
  }
  const startDate = calendarDateOf(engagement.startDate);
  const rescheduling = input.startDate !== undefined && input.startDate !== startDate;
  // A reason is recorded with what it explains: a status, or a start that moves. Without one
  // (the start sent as it already is, too) it would be acknowledged and lost.
  if (!input.status && !rescheduling && input.reason !== undefined) {
    throw new BusinessRuleError('A reason goes only with a status or a start date', [
      {
        field: 'reason',
        message: 'is only accepted together with status CANCELLED or ACTIVE, or a new startDate',
      },
    ]);
  }
  if (cancelling && engagement.status === 'COMPLETED') {
    throw new ConflictError('A completed engagement cannot be cancelled', {
      currentStatus: 'COMPLETED',
    });
  }
  if (reactivating && engagement.status !== 'CANCELLED') {
    throw new ConflictError(
      `Only a cancelled engagement can be reactivated; this one is ${engagement.status}`,
      {
        currentStatus: engagement.status,
        errors: [
          { field: 'status', message: 'can be ACTIVE only when the engagement is CANCELLED' },
        ],
      },
    );
  }
  const contacts = input.contacts === undefined ? undefined : normaliseContacts(input.contacts);
  if (contacts) {
    const problems = contactProblems(contacts, engagement.template.parties);
    if (problems.length > 0) {
      throw new BusinessRuleError('The contacts are not valid for this engagement', problems);
    }
  }

  // Both a reactivation and a reschedule work from the tasks as they are: read them once.
  const tasks =
    reactivating || rescheduling
      ? await tx.task.findMany({
          where: { engagementId: id },
          orderBy: { position: 'asc' },
          select: { id: true, key: true, status: true, dueDate: true },
        })
      : [];
  const reschedule = rescheduling
    ? planReschedule(tasks, startDate, input.startDate!, reactivating)
    : undefined;

  const now = new Date();
  let changed = false;
  // First, so that changes sent along with it apply to an engagement that may change again.
  if (reactivating) {
    const status = reactivatedStatus(tasks.map((task) => task.status));
    await tx.engagement.update({
      where: { id },
      data: { status, cancelReason: null, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'engagement.reactivated',
      engagementId: id,
      changes: { status: { from: 'CANCELLED', to: status } },
      reason: input.reason,
    });
    changed = true;
  }
  if (reschedule) {
    await moveStart(
      tx,
      id,
      { from: startDate, to: input.startDate!, ...reschedule },
      input,
      actor,
      now,
    );
    changed = true;
  }
  const edits = diffFields(
    { name: engagement.name, securityTier: engagement.securityTier as string },
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.securityTier !== undefined ? { securityTier: input.securityTier } : {}),
    },
    ['name', 'securityTier'],
  );
  if (Object.keys(edits).length > 0) {
    await tx.engagement.update({
      where: { id },
      data: { name: input.name, securityTier: input.securityTier, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'engagement.updated',
      engagementId: id,
      changes: edits,
    });
    changed = true;
  }
  if (edits.securityTier) await refilterOpenChecklists(tx, id, input.securityTier!, actor, now);

  if (contacts) {
    const before = engagement.contacts
      .map(({ party, name, email, primary }) => ({ party, name, email, primary }))
      .sort(contactOrder);
    const after = [...contacts].sort(contactOrder);
    if (!sameJson(before, after)) {
      await tx.engagementContact.deleteMany({ where: { engagementId: id } });
      await tx.engagementContact.createMany({
        data: contacts.map((contact) => ({ id: randomUUID(), engagementId: id, ...contact })),
      });
      await tx.engagement.update({ where: { id }, data: { updatedAt: now } });
      await appendAuditEvent(tx, {
        actor,
        action: 'engagement.contacts_changed',
        engagementId: id,
        changes: { contacts: { from: before, to: after } },
      });
      changed = true;
    }
  }

  if (cancelling) {
    await tx.engagement.update({
      where: { id },
      data: { status: 'CANCELLED', cancelReason: input.reason, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'engagement.cancelled',
      engagementId: id,
      changes: { status: { from: engagement.status, to: 'CANCELLED' } },
      reason: input.reason,
    });
    changed = true;
  }
  if (changed) await bumpEngagementVersion(tx, id);
}

/**
 * What moving the start from `from` to `to` does to the tasks, refused when nothing is left to
 * schedule (every task closed: COMPLETED, now or once reactivated) or when a moved due date would
 * leave the accepted range.
 */
function planReschedule(
  rows: readonly { id: string; key: string; status: string; dueDate: Date }[],
  from: CalendarDate,
  to: CalendarDate,
  reactivating: boolean,
): Reschedule & { tasks: Map<string, { id: string }> } {
  const tasks = rows.map((row) => ({
    key: row.key,
    status: row.status as TaskStatus,
    dueDate: calendarDateOf(row.dueDate),
  }));
  if (tasks.every((task) => isClosed(task.status))) {
    const status = reactivating ? 'COMPLETED (once reactivated)' : 'COMPLETED';
    throw new ConflictError(
      `The engagement is ${status}: every task is closed, so there is nothing left to reschedule`,
      {
        currentStatus: reactivating ? 'CANCELLED' : 'COMPLETED',
        errors: [{ field: 'startDate', message: 'cannot change once every task is closed' }],
      },
    );
  }
  const plan = rescheduleDueDates(from, to, tasks);
  const problem = rescheduleProblem(from, plan);
  if (problem) throw new BusinessRuleError('The engagement cannot start on that date', [problem]);
  return { ...plan, tasks: new Map(rows.map((row) => [row.key, { id: row.id }])) };
}

/**
 * Moves the start and the open tasks' due dates. The engagement's event says what happened to
 * the plan as a whole; each task's own event (as when its due date is changed by hand) explains
 * its new date in its history. Each moved task gets a new version.
 */
async function moveStart(
  tx: PrismaTx,
  engagementId: string,
  plan: Reschedule & { from: CalendarDate; to: CalendarDate; tasks: Map<string, { id: string }> },
  input: UpdateEngagementDto,
  actor: Actor,
  now: Date,
): Promise<void> {
  await tx.engagement.update({
    where: { id: engagementId },
    data: { startDate: toDbDate(plan.to), updatedAt: now },
  });
  await appendAuditEvent(tx, {
    actor,
    action: 'engagement.rescheduled',
    engagementId,
    changes: {
      startDate: { from: plan.from, to: plan.to },
      openTaskDueDates: { from: null, to: { moved: plan.moves.length, days: plan.days } },
    },
    reason: input.reason,
  });
  const why = `start date moved from ${formatCalendarDate(plan.from)} to ${formatCalendarDate(plan.to)}`;
  for (const move of plan.moves) {
    await tx.task.update({
      where: { id: plan.tasks.get(move.key)!.id },
      data: { dueDate: toDbDate(move.to), version: { increment: 1 }, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'task.updated',
      engagementId,
      taskKey: move.key,
      changes: { dueDate: { from: move.from, to: move.to } },
      reason: input.reason ? `${why}: ${input.reason}` : why,
    });
  }
}

/**
 * A tier change re-filters the checklists of the tasks still open, from their template tasks.
 * Closed tasks keep the checklist they were done against. Each changed task gets a new version.
 */
async function refilterOpenChecklists(
  tx: PrismaTx,
  engagementId: string,
  tier: SecurityTier,
  actor: Actor,
  now: Date,
): Promise<void> {
  const tasks = await tx.task.findMany({ where: { engagementId }, orderBy: { position: 'asc' } });
  const open = tasks.filter((task) => !isClosed(task.status));
  const templates = await findTemplateChecklists(
    tx,
    open.map((task) => task.templateTaskId),
  );
  for (const task of open) {
    const source = templates.get(task.templateTaskId);
    if (!source) continue;
    const checklist: ChecklistItem[] = checklistForTier(source, tier);
    if (sameJson(checklist, task.checklist)) continue;
    await tx.task.update({
      where: { id: task.id },
      data: { checklist: checklist as object[], version: { increment: 1 }, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'task.checklist_changed',
      engagementId,
      taskKey: task.key,
      changes: { checklist: { from: task.checklist, to: checklist } },
      reason: `security tier changed to ${tier}`,
    });
  }
}
