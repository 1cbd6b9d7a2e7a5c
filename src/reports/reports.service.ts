import { Injectable } from '@nestjs/common';
import { confineToCustomer, customerScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { todayUtc } from '../common/domain/calendar-date';
import { PrismaService } from '../prisma/prisma.service';
import { OverdueReportQueryDto } from './dto/overdue-report-query.dto';
import { OverdueItemDto, OverdueReportDto, RaciAssigneeDto } from './dto/overdue-report.dto';
import {
  accountableParties,
  daysOverdue,
  primaryContact,
  RaciEntry,
  raciEntries,
} from './overdue-rules';
import { summariseByAccountable } from './overdue-summary';
import { fetchOverdueRows, OverdueFilters, OverdueRow } from './overdue.report';

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Overdue tasks and who is accountable for them. A CUSTOMER key is confined to its own
   * customer; naming another customer yields an empty report (as an unknown customer does), so
   * the answer never reveals whether a foreign customer exists.
   */
  async overdue(query: OverdueReportQueryDto, principal: Principal): Promise<OverdueReportDto> {
    const asOf = query.asOf ?? todayUtc();
    const customerId = confineToCustomer(customerScope(principal), query.customerId);
    if (customerId === null) return { asOf, totalOverdue: 0, byAccountable: [], items: [] };
    const filters: OverdueFilters = {
      asOf,
      customerId,
      templateKey: query.templateKey,
      party: query.party,
    };
    const rows = await fetchOverdueRows(this.prisma, filters);
    // Thousands of tasks share a few hundred due dates: work out each one's lateness once.
    const lateness = new Map<string, number>();
    const daysLate = (dueDate: string) => {
      let days = lateness.get(dueDate);
      if (days === undefined) lateness.set(dueDate, (days = daysOverdue(dueDate, asOf)));
      return days;
    };
    const items = rows.map((row) => toItem(row, daysLate(row.dueDate)));
    return {
      asOf,
      totalOverdue: items.length,
      byAccountable: summariseByAccountable(items, query.party),
      items,
    };
  }
}

function toItem(row: OverdueRow, daysLate: number): OverdueItemDto {
  const contacts = row.contacts;
  const withContact = (entry: RaciEntry): RaciAssigneeDto => ({
    party: entry.party,
    ifRequired: entry.ifRequired,
    contact: primaryContact(contacts, entry.party),
  });
  return {
    engagementId: row.engagementId,
    engagementName: row.engagementName,
    customerId: row.customerId,
    customerName: row.customerName,
    taskKey: row.taskKey,
    title: row.title,
    status: row.status,
    dueDate: row.dueDate,
    daysOverdue: daysLate,
    accountable: accountableParties(row.raci).map(withContact),
    responsible: raciEntries(row.raci, 'responsible').map(withContact),
  };
}
