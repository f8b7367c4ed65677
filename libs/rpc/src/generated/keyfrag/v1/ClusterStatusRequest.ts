// Original file: keyfrag/v1/coordinator.proto


export interface ClusterStatusRequest {
}

export interface ClusterStatusRequest__Output {
}
