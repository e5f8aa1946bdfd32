"""Operations: health and metrics, failover, structured logs, retention, flood control, serving.

`bot.ops.wiring.configure_builder(builder)` and `bot.ops.wiring.install(application)` are what
`build_application` calls. (Nothing is imported here: `bot.models` imports `bot.ops.models`.)
"""
