import JimuKit
