import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe } from '../common/http/uuid.pipe';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { sendResult } from '../common/http/http-result';
import { CompleteTaskDto, TaskDto, UpdateTaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';
import { ApiProblems, ApiSuccessHeaders } from '../common/openapi/api-docs.decorators';

@ApiTags('tasks')
@ApiBearerAuth()
@Roles('ADMIN', 'STAFF', 'CUSTOMER')
@Controller('engagements/:engagementId/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** One task; the ETag header carries its version for If-Match. */
  @Get(':taskKey')
  @ApiSuccessHeaders('ETag')
  get(
    @Param('engagementId', UuidPipe) engagementId: string,
    @Param('taskKey') taskKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskDto> {
    return sendResult(res, this.tasks.get(engagementId, taskKey, principal));
  }

  /** Changes status, due date, assignee or note. Requires If-Match (428 without, 412 if stale). */
  @Patch(':taskKey')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the task as last read' })
  @ApiProblems(409, 412, 422, 428)
  @ApiSuccessHeaders('ETag')
  @ApiBody({
    type: UpdateTaskDto,
    examples: {
      start: { summary: 'Start work', value: { status: 'IN_PROGRESS' } },
      block: {
        summary: 'Block, saying why',
        value: { status: 'BLOCKED', reason: "Waiting for the customer's VPN" },
      },
      plan: {
        summary: 'Re-date and assign',
        value: { dueDate: '2026-03-16', assignee: 'jane.doe@example.com' },
      },
      note: { summary: 'Add a note', value: { note: 'Kick-off call booked for Monday' } },
    },
  })
  update(
    @Param('engagementId', UuidPipe) engagementId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskDto> {
    return sendResult(
      res,
      this.tasks.update(engagementId, taskKey, body, ifMatch, principal, actor),
    );
  }

  /** Marks the task DONE (its dependencies must be DONE or NOT_APPLICABLE). If-Match optional. */
  @Post(':taskKey/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'Checked when given' })
  @ApiProblems(409, 412, 422)
  @ApiSuccessHeaders('ETag')
  complete(
    @Param('engagementId', UuidPipe) engagementId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: CompleteTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskDto> {
    return sendResult(
      res,
      this.tasks.complete(engagementId, taskKey, body.note, ifMatch, principal, actor),
    );
  }
}
