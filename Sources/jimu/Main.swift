import ArgumentParser
import JimuKit
@main struct Main: ParsableCommand { func run() {} }
