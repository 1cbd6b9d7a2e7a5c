import { Controller, Get, Query, Req, Res } from '@nestjs/common';
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
  ): Promise<OverdueReportDto | string> {
    return renderOverdueReport(await this.reports.overdue(query, principal), req, res);
  }
}
