#!/bin/sh
# Installs the PyTorch peer of the training benchmark (Debian's PyTorch with OpenBLAS underneath).
set -e
apt-get update
apt-get install -y python3-torch libopenblas0-pthread
