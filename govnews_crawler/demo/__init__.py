"""The offline sample portal and the loopback server that serves saved sites."""
