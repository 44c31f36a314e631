//go:build crds

// Package kube holds no code: this file keeps sigs.k8s.io/gateway-api in go.mod and go.sum, so the Gateway API CRDs
// the real tier installs (its config/crd/standard) come from a pinned, checksummed module.
package kube

import _ "sigs.k8s.io/gateway-api/apis/v1"
