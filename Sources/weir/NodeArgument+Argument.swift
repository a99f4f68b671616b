import ArgumentParser

extension NodeArgument: ExpressibleByArgument {}
