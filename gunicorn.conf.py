# gunicorn settings for `make run` and production; override with GUNICORN_CMD_ARGS.
import multiprocessing

workers = min(4, multiprocessing.cpu_count() * 2)
threads = 2
timeout = 30
graceful_timeout = 20
accesslog = "-"
max_requests = 2000
max_requests_jitter = 200
