"""Operations: health and metrics, failover, structured logs, retention, flood control, serving."""
