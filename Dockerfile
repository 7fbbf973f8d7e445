# The team deployment's service image: built from the repo, runs the compiled
# service (no TypeScript at run time) with production dependencies only.
# Node 20 is the oldest line package.json allows; the image pins its major.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The public origin the add-in is served from (functions' help links, manifest).
ARG TIERLINE_ADDIN_URL=https://localhost:8443
ENV TIERLINE_ADDIN_URL=${TIERLINE_ADDIN_URL}
RUN npm run build && npm run manifest -- --url "${TIERLINE_ADDIN_URL}" && npm ci --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3001
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3001/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "build/service/service/src/start.js"]
