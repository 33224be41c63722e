import { defineConfig } from "drizzle-kit";

const url = process.env.DATABASE_URL;

/** The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:pg` (docs/POSTGRES.md). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
  // generate needs no connection; studio and the like use DATABASE_URL when it is a postgres:// one.
  dbCredentials: { url: url && /^postgres(ql)?:\/\//i.test(url) ? url : "postgres://postgres@127.0.0.1:5432/gatehouse" },
});
