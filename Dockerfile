# Same minor as "packageManager" in package.json, so the lockfile is read by the Bun that wrote it.
FROM oven/bun:1.4-slim AS base
WORKDIR /app

# Keep only the manifests, at their workspace paths, so the install layer below is rebuilt when a
# dependency changes rather than on every source edit, and a new workspace needs no Dockerfile change.
FROM base AS manifests
COPY . .
RUN find . -type f ! -name package.json ! -name bun.lock ! -name bunfig.toml -delete

FROM base AS deps
COPY --from=manifests /app ./
# Every workspace's package.json must be in place before this line, or its dependencies are not linked.
# The postinstall build needs the sources and the build tools: the `web` stage runs it.
RUN bun install --frozen-lockfile --production --ignore-scripts

# The web app's static build (Vite and its plugins are development dependencies, so they stay here).
FROM base AS web
COPY --from=manifests /app ./
RUN bun install --frozen-lockfile --ignore-scripts
COPY . .
RUN bun run build

FROM base AS runtime
ENV NODE_ENV=production
COPY --from=deps /app ./
COPY . .
COPY --from=web /app/apps/web/dist ./apps/web/dist
# The code and node_modules stay root-owned: the process can read them but not rewrite them.
USER bun
EXPOSE 3000
# `start` applies pending migrations, then serves; `bun run start:worker` runs the workers alone.
CMD ["bun", "run", "start"]
