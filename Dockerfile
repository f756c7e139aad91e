# graphrepo's service image: the Python package and its console script, nothing else.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphrepo ./graphrepo
COPY cypher ./cypher
COPY migrations ./migrations
RUN pip install . && useradd --system --home /data graphrepo && mkdir -p /data && chown graphrepo /data

USER graphrepo
# Inside a container the service must listen on all interfaces; compose publishes it on loopback only.
ENV GRAPHREPO_HTTP__HOST=0.0.0.0 \
    GRAPHREPO_DATA_DIR=/data
EXPOSE 9443
VOLUME ["/data"]
ENTRYPOINT ["graphrepo"]
CMD ["serve"]
