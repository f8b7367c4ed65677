// Original file: keyfrag/v1/fragment.proto


export interface DiscardKeyResponse {
}

export interface DiscardKeyResponse__Output {
}
