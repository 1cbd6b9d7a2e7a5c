import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs in this project; the schema is applied by dbmate (npm run db:migrate).
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
