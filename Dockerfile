# syntax=docker/dockerfile:1

# --- build: install everything, generate Prisma Client, compile ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# --- runtime: compiled app, production dependencies, migrations ---
FROM node:24-bookworm-slim AS runtime
# MALLOC_MMAP_THRESHOLD_: see `npm start` and bench/lib/service.ts (SERVICE_ENV).
ENV NODE_ENV=production \
    PORT=3000 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Memory (npm start sets the same, README "Benchmark"): a 32 MiB semi-space, still large enough for
# the big report's short-lived objects; the old generation grown by half its live size at most;
# and Prisma's WebAssembly query compiler kept on V8's baseline compiler (its optimising tier cost
# ~75 MiB of resident memory, for no measurable speed: query plans are cached).
CMD ["node", "--max-semi-space-size=32", "--heap-growing-percent=50", "--liftoff-only", "dist/main.js"]
