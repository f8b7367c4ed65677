// Original file: keyfrag/v1/fragment.proto


export interface NodeStatusRequest {
}

export interface NodeStatusRequest__Output {
}
