# syntax=docker/dockerfile:1
# One image for the four services; the service is chosen by the command:
#   docker run leadflow ingest | scoring | handoff | projections
# (any other command runs the leadflow CLI: docker run leadflow init)

# ---- build: every dependency, then the TypeScript build
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY schemas/package.json schemas/
COPY services/kit/package.json services/kit/
COPY services/ingest/package.json services/ingest/
COPY services/scoring/package.json services/scoring/
COPY services/handoff/package.json services/handoff/
COPY services/projections/package.json services/projections/
COPY services/cli/package.json services/cli/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json tsconfig.json ./
COPY schemas schemas
COPY services services
RUN npx tsc -b

# ---- runtime: production dependencies, the compiled code and the data files it reads
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    BIND_ADDRESS=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/schemas/package.json schemas/
COPY --from=build /app/services/kit/package.json services/kit/
COPY --from=build /app/services/ingest/package.json services/ingest/
COPY --from=build /app/services/scoring/package.json services/scoring/
COPY --from=build /app/services/handoff/package.json services/handoff/
COPY --from=build /app/services/projections/package.json services/projections/
COPY --from=build /app/services/cli/package.json services/cli/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/schemas/dist schemas/dist
COPY --from=build /app/services/kit/dist services/kit/dist
COPY --from=build /app/services/ingest/dist services/ingest/dist
COPY --from=build /app/services/scoring/dist services/scoring/dist
COPY --from=build /app/services/scoring/models services/scoring/models
COPY --from=build /app/services/handoff/dist services/handoff/dist
COPY --from=build /app/services/handoff/config services/handoff/config
COPY --from=build /app/services/projections/dist services/projections/dist
COPY --from=build /app/services/cli/dist services/cli/dist
COPY infra/docker-entrypoint.sh /usr/local/bin/leadflow-entrypoint
USER node
EXPOSE 18080 18091 18092 18093
ENTRYPOINT ["leadflow-entrypoint"]
CMD ["--help"]
