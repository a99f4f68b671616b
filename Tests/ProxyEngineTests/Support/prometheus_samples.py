#!/usr/bin/env python3
"""Parses a Prometheus text exposition with prometheus_client's parser and
prints one line per sample: the sample name, then its labels sorted
(the value of 'version' masked). Usage: prometheus_samples.py FILE"""
import sys
from prometheus_client.parser import text_string_to_metric_families

with open(sys.argv[1]) as source:
    text = source.read()
for family in text_string_to_metric_families(text):
    for sample in family.samples:
        labels = dict(sample.labels)
        if "version" in labels:
            labels["version"] = "*"
        print(sample.name + " " + ",".join(f"{k}={labels[k]}" for k in sorted(labels)))
