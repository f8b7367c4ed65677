// Original file: keyfrag/v1/fragment.proto


export interface RefreshAbortResponse {
}

export interface RefreshAbortResponse__Output {
}
