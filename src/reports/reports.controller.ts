import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { OverdueItemPageDto, OverdueSummaryDto } from './dto/overdue-board.dto';
import { OverdueItemsQueryDto } from './dto/overdue-items-query.dto';
import { OverdueReportQueryDto } from './dto/overdue-report-query.dto';
import { OverdueReportDto } from './dto/overdue-report.dto';
import { renderOverdueReport } from './overdue-response';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(OverdueReportDto)
@Roles('ADMIN', 'STAFF', 'CUSTOMER')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * Overdue tasks across engagements and who is accountable for them, by party and by name.
   * Send `Accept: text/csv` for a CSV download (one row per task and accountable party).
   */
  @Get('overdue')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The overdue report, as JSON or (with `Accept: text/csv`) as CSV.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(OverdueReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async overdue(
    @Query() query: OverdueReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return renderOverdueReport(req, res, (format) =>
      this.reports.overdue(query, principal, format),
    );
  }

  /**
   * The overdue board: how many tasks are overdue, by accountable party and named primary contact
   * (a group of its own when none is named) and by age band, without the items.
   */
  @Get('overdue/summary')
  @ApiOkResponse({ type: OverdueSummaryDto })
  overdueSummary(
    @Query() query: OverdueReportQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OverdueSummaryDto> {
    return this.reports.overdueSummary(query, principal);
  }

  /**
   * The report's items a page at a time, in the report's order; `party` with `contactEmail` or
   * `noContact=true` lists the tasks of one group of the summary.
   */
  @Get('overdue/items')
  @ApiOkResponse({ type: OverdueItemPageDto })
  overdueItems(
    @Query() query: OverdueItemsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OverdueItemPageDto> {
    return this.reports.overdueItems(query, principal);
  }
}
