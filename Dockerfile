# syntax=docker/dockerfile:1
# The threatwright CLI in a container, with Debian's Chromium for PDF reports. Run it on a folder:
#
#   docker build -t threatwright .
#   docker run --rm -v "$PWD:/work" -u "$(id -u):$(id -g)" threatwright check --fail-on high
#   docker run --rm -v "$PWD:/work" -u "$(id -u):$(id -g)" threatwright report --format pdf -o threat-model.pdf
#   docker run --rm -p 7411:7411 -v "$PWD:/work" -u "$(id -u):$(id -g)" threatwright serve --host 0.0.0.0
#
# The image holds the same package `npm pack -w packages/cli` makes, installed globally.

# Build the package from this revision: the bundle, the web editor and the schemas.
FROM node:20-bookworm-slim AS package
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm pack -w packages/cli --pack-destination /package

FROM node:20-bookworm-slim
# Chromium prints the PDF report; git lets reports name the model's revision.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-color-emoji git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=package /package/ /tmp/package/
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/package/threatwright-*.tgz \
 && rm -rf /tmp/package /root/.npm
ENV THREATWRIGHT_CHROMIUM=/usr/bin/chromium \
    NO_UPDATE_NOTIFIER=1
# A mounted repository belongs to another user than the container's: let git read it anyway.
RUN git config --system --add safe.directory '*'
WORKDIR /work
USER node
ENTRYPOINT ["threatwright"]
CMD ["--help"]
