import pino from 'pino';
import type { AppConfig } from '../../config/app-config';

/** Injection token of the process's one pino logger (request lines, errors, Nest's own logs). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * JSON lines, or in development one readable line per event. Colour only when a person watches
 * a terminal: escape codes in a file or a log collector are noise.
 */
export function createRootLogger(config: AppConfig, colour = Boolean(process.stdout.isTTY)) {
  return pino({
    level: config.log.level,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    transport:
      config.log.format === 'pretty'
        ? {
            target: 'pino-pretty',
            options: {
              singleLine: true,
              colorize: colour,
              // The request line's message already says method, path, status and time.
              ignore: 'pid,hostname,context,method,path,status,ms',
              messageFormat: '{if context}{context}: {end}{msg}',
            },
          }
        : undefined,
  });
}
