import { Injectable } from '@nestjs/common';
import { customerScope, Principal } from '../auth/principal';
import { todayUtc } from '../common/domain/calendar-date';
import { PrismaService } from '../prisma/prisma.service';
import { OverdueReportQueryDto } from './dto/overdue-report-query.dto';
import { OverdueItemDto, OverdueReportDto, RaciAssigneeDto } from './dto/overdue-report.dto';
import {
  accountableParties,
  daysOverdue,
  EngagementContactRef,
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
    const scope = customerScope(principal);
    if (scope !== undefined && query.customerId !== undefined && query.customerId !== scope) {
      return { asOf, totalOverdue: 0, byAccountable: [], items: [] };
    }
    const filters: OverdueFilters = {
      asOf,
      customerId: scope ?? query.customerId,
      templateKey: query.templateKey,
      party: query.party,
    };
    const items = (await fetchOverdueRows(this.prisma, filters)).map((row) => toItem(row, asOf));
    return {
      asOf,
      totalOverdue: items.length,
      byAccountable: summariseByAccountable(items, query.party),
      items,
    };
  }
}

function toItem(row: OverdueRow, asOf: string): OverdueItemDto {
  const contacts = (Array.isArray(row.contacts) ? row.contacts : []) as EngagementContactRef[];
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
    daysOverdue: daysOverdue(row.dueDate, asOf),
    accountable: accountableParties(row.raci).map(withContact),
    responsible: raciEntries(row.raci, 'responsible').map(withContact),
  };
}
