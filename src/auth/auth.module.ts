import { Module } from '@nestjs/common';
import { SharedRateLimitStorage } from './shared-rate-limit.storage';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiKeyService } from './api-key.service';
import { AuthCache } from './auth-cache';
import { AuthChangeListener } from './auth-change-listener';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { ApiKeysController } from './api-keys.controller';
import { AuthGuard } from './auth.guard';
import { FailedAuthentication } from './failed-authentication';
import { RateLimitGuard } from './rate-limit.guard';

/** The rate-limit counters shared by every instance (a provider, so it is stopped with the app). */
@Module({ providers: [SharedRateLimitStorage], exports: [SharedRateLimitStorage] })
class RateLimitStorageModule {}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [APP_CONFIG, SharedRateLimitStorage],
      useFactory: (config: AppConfig, storage: SharedRateLimitStorage) => ({
        throttlers: [{ ttl: config.rateLimit.windowMs, limit: config.rateLimit.limit }],
        storage,
      }),
    }),
  ],
  controllers: [ApiKeysController],
  // Order matters: authenticate first, so the rate limit can count per key.
  providers: [
    { provide: AuthCache, useFactory: () => new AuthCache() },
    AuthChangeListener,
    ApiKeyService,
    SessionService,
    PasswordHasher,
    SignInThrottle,
    FailedAuthentication,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [ApiKeyService, SessionService, PasswordHasher, SignInThrottle, AuthChangeListener],
})
export class AuthModule {}
