# Production image: gunicorn serves the app, whitenoise its static files.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY accounts accounts
COPY api api
COPY cases cases
COPY config config
COPY web web
COPY workflows workflows
COPY templates templates
COPY static static
COPY locale locale
COPY scripts scripts
COPY manage.py ./
RUN pip install --no-cache-dir --constraint requirements.lock . \
 && python scripts/compilemessages.py \
 && SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
RUN useradd --create-home tlr && mkdir -p /srv/tlr/media && chown -R tlr /srv/tlr
USER tlr
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
